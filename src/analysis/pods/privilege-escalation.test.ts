import { describe, expect, it } from "vitest";
import { cronJobChain, expectFixed, findingsOf, podWith, podWithContainer } from "../../../test/support/pss.js";

const ID = "pod.privilege-escalation";

describe(ID, () => {
  it.each([
    ["unset", podWithContainer(undefined)],
    ["true", podWithContainer({ allowPrivilegeEscalation: true })],
    ["a string", podWithContainer({ allowPrivilegeEscalation: "false" })],
  ])("flags a container where it is %s", (_, pod) => {
    expect(findingsOf(ID, [pod]).map((f) => f.path)).toEqual([
      "spec.containers[0].securityContext.allowPrivilegeEscalation",
    ]);
  });

  it("flags init containers too", () => {
    const pod = podWith({
      initContainers: [{ name: "i" }],
      containers: [{ name: "c", securityContext: { allowPrivilegeEscalation: false } }],
    });
    expect(findingsOf(ID, [pod]).map((f) => f.container)).toEqual(["i"]);
  });

  it.each([
    ["false", podWithContainer({ allowPrivilegeEscalation: false })],
    ["unset on a Windows pod (exempt)", podWithContainer(undefined, { os: { name: "windows" } })],
  ])("passes when %s", (_, pod) => {
    expect(findingsOf(ID, [pod])).toEqual([]);
  });

  it("fixes a CronJob chain on the CronJob and a bare pod", () => {
    const rt = expectFixed(cronJobChain({ containers: [{ name: "r" }] }), ID);
    expect(rt.plans.map((p) => p.target.kind)).toEqual(["CronJob"]);
    expectFixed([podWithContainer({ allowPrivilegeEscalation: true })], ID);
  });
});

import { describe, expect, it } from "vitest";
import { expectFixed, findingsOf, podWith, podWithContainer } from "../../../test/support/pss.js";

const ID = "pod.host-process";
const winOpts = (hostProcess: unknown) => ({ windowsOptions: { hostProcess } });

describe(ID, () => {
  it.each([
    [
      "pod level",
      podWith({ hostNetwork: true, securityContext: winOpts(true) }),
      "spec.securityContext.windowsOptions.hostProcess",
    ],
    [
      "a container",
      podWithContainer(winOpts(true), { hostNetwork: true }),
      "spec.containers[0].securityContext.windowsOptions.hostProcess",
    ],
    [
      "an init container",
      podWith({ initContainers: [{ name: "i", securityContext: winOpts(true) }] }),
      "spec.initContainers[0].securityContext.windowsOptions.hostProcess",
    ],
  ])("flags hostProcess at %s", (_, pod, path) => {
    const found = findingsOf(ID, [pod]);
    expect(found.map((f) => f.path)).toEqual([path]);
    expect(found[0]!.severity).toBe("critical");
  });

  it.each([
    ["unset", podWith({})],
    ["false", podWithContainer(winOpts(false))],
    ["a string", podWithContainer(winOpts("true"))],
  ])("passes when hostProcess is %s", (_, pod) => {
    expect(findingsOf(ID, [pod])).toEqual([]);
  });

  it("fixes pod and container level", () => {
    expectFixed([podWith({ hostNetwork: true, securityContext: winOpts(true) })], ID);
    expectFixed([podWithContainer(winOpts(true), { hostNetwork: true })], ID);
  });
});

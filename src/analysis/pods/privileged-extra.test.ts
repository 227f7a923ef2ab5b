import { describe, expect, it } from "vitest";
import { cronJobChain, deploymentChain, expectFixed, podWith } from "../../../test/support/pss.js";
import { analyze } from "../../../test/support/store.js";

describe("pod.privileged fixes", () => {
  it("patches an init container in initContainers, not containers", () => {
    const spec = {
      initContainers: [{ name: "init", securityContext: { privileged: true } }],
      containers: [{ name: "app" }],
    };
    const rt = expectFixed(deploymentChain(spec), "pod.privileged");
    expect(rt.plans[0]!.body).toEqual({
      spec: { template: { spec: { initContainers: [{ name: "init", securityContext: { privileged: false } }] } } },
    });
  });

  it("fixes a CronJob chain on the CronJob", () => {
    const rt = expectFixed(
      cronJobChain({ containers: [{ name: "r", securityContext: { privileged: true } }] }),
      "pod.privileged",
    );
    expect(rt.plans.map((p) => p.target.kind)).toEqual(["CronJob"]);
  });

  it("offers no fix for an ephemeral container (they cannot be patched)", () => {
    const pod = podWith({ ephemeralContainers: [{ name: "dbg", securityContext: { privileged: true } }] });
    const f = analyze([pod]).result.findings.find((x) => x.check === "pod.privileged");
    expect(f?.fix?.type).toBe("none");
  });
});

import { describe, expect, it } from "vitest";
import { roundTrip } from "../../../test/support/roundtrip.js";
import { analyze, podWith } from "../../../test/support/store.js";

const privilegedIn = (list: string) =>
  podWith({
    [list]: [{ name: "c", image: "busybox:1.36", securityContext: { privileged: true } }],
    ...(list === "containers" ? {} : { containers: [{ name: "app", image: "busybox:1.36" }] }),
  });

describe("pod.privileged", () => {
  it.each([
    ["privileged container", privilegedIn("containers"), "spec.containers[0].securityContext.privileged"],
    ["privileged init container", privilegedIn("initContainers"), "spec.initContainers[0].securityContext.privileged"],
    [
      "privileged ephemeral container",
      privilegedIn("ephemeralContainers"),
      "spec.ephemeralContainers[0].securityContext.privileged",
    ],
  ])("flags a %s with its field path", (_, pod, path) => {
    const found = analyze([pod]).result.findings.filter((f) => f.check === "pod.privileged");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ container: "c", path, severity: "critical" });
  });

  it.each([
    ["unset", podWith({})],
    ["false", podWith({ containers: [{ name: "app", securityContext: { privileged: false } }] })],
    ["a string, not a boolean", podWith({ containers: [{ name: "app", securityContext: { privileged: "true" } }] })],
    ["containers of unknown shape", podWith({ containers: "nonsense" })],
  ])("passes when privileged is %s", (_, pod) => {
    expect(analyze([pod]).result.findings.filter((f) => f.check === "pod.privileged")).toEqual([]);
  });

  it("fixes a bare pod with a recreate manifest and the finding clears", () => {
    const rt = roundTrip([privilegedIn("containers")], ["pod.privileged"]);
    expect(rt.plans).toHaveLength(1);
    expect(rt.plans[0]!.type).toBe("manifest");
    expect(rt.plans[0]!.warnings.join()).toMatch(/cannot be patched in place/);
    expect(rt.remaining).toEqual([]);
    expect(rt.introduced).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { deploymentChain, expectFixed, findingsOf, podWith } from "../../../test/support/pss.js";

const ID = "pod.run-as-non-root";
const pod = (podValue: unknown, ...ctr: unknown[]) =>
  podWith({
    ...(podValue === undefined ? {} : { securityContext: { runAsNonRoot: podValue } }),
    containers: ctr.map((v, i) => ({
      name: `c${i}`,
      ...(v === undefined ? {} : { securityContext: { runAsNonRoot: v } }),
    })),
  });

describe(ID, () => {
  it.each([
    ["neither pod nor container set", pod(undefined, undefined), ["spec.containers[0].securityContext.runAsNonRoot"]],
    [
      "container false overrides pod true",
      pod(true, false, undefined),
      ["spec.containers[0].securityContext.runAsNonRoot"],
    ],
    ["pod false (its containers inherit it)", pod(false, undefined), ["spec.securityContext.runAsNonRoot"]],
    ["pod false even if containers set true", pod(false, true), ["spec.securityContext.runAsNonRoot"]],
    [
      "only some containers set true",
      pod(undefined, true, undefined),
      ["spec.containers[1].securityContext.runAsNonRoot"],
    ],
  ])("flags %s", (_, p, paths) => {
    expect(findingsOf(ID, [p]).map((f) => f.path)).toEqual(paths);
  });

  it.each([
    ["pod true", pod(true, undefined, undefined)],
    ["every container true", pod(undefined, true, true)],
    ["pod in a user namespace (hostUsers: false, policy 1.35)", podWith({ hostUsers: false })],
  ])("passes with %s", (_, p) => {
    expect(findingsOf(ID, [p])).toEqual([]);
  });

  it("is not relaxed for Windows pods", () => {
    expect(findingsOf(ID, [podWith({ os: { name: "windows" } })])).toHaveLength(1);
  });

  it("fixes pod level and containers, on a Deployment", () => {
    expectFixed([pod(false, undefined)], ID);
    expectFixed(deploymentChain({ initContainers: [{ name: "i" }], containers: [{ name: "a" }] }), ID);
  });
});

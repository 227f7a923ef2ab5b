import { describe, expect, it } from "vitest";
import { deploymentChain, expectFixed, findingsOf, podWith, restrictedSpec } from "../../../test/support/pss.js";

const ID = "pod.seccomp-restricted";
const base = { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } };
/** A restricted pod with pod-level securityContext `podSc` and container seccomp `ctr`. */
const pod = (podSc: Record<string, unknown>, ctr?: unknown, extra: Record<string, unknown> = {}) =>
  podWith(
    restrictedSpec(
      { securityContext: { runAsNonRoot: true, ...podSc }, ...extra },
      { securityContext: { ...base, ...(ctr ? { seccompProfile: ctr } : {}) } },
    ),
  );

describe(ID, () => {
  it.each([
    ["neither pod nor container set", pod({}), "spec.containers[0].securityContext.seccompProfile"],
    ["an unknown pod type", pod({ seccompProfile: { type: "Bogus" } }), "spec.securityContext.seccompProfile.type"],
    [
      "an unknown container type",
      pod({ seccompProfile: { type: "RuntimeDefault" } }, { type: "Bogus" }),
      "spec.containers[0].securityContext.seccompProfile",
    ],
  ])("flags %s", (_, p, path) => {
    expect(findingsOf(ID, [p]).map((f) => f.path)).toEqual([path]);
  });

  it.each([
    ["pod RuntimeDefault, container unset", pod({ seccompProfile: { type: "RuntimeDefault" } })],
    ["pod unset, container Localhost", pod({}, { type: "Localhost", localhostProfile: "x" })],
    [
      "container overrides with RuntimeDefault",
      pod({ seccompProfile: { type: "Localhost", localhostProfile: "x" } }, { type: "RuntimeDefault" }),
    ],
    ["a Windows pod (exempt)", pod({}, undefined, { os: { name: "windows" } })],
  ])("passes with %s", (_, p) => {
    expect(findingsOf(ID, [p])).toEqual([]);
  });

  it("leaves an explicit Unconfined to the baseline check", () => {
    expect(findingsOf(ID, [pod({}, { type: "Unconfined" })])).toEqual([]);
    expect(findingsOf("pod.seccomp-unconfined", [pod({}, { type: "Unconfined" })])).toHaveLength(1);
  });

  it("fixes on a Deployment and on a bare pod", () => {
    expectFixed(deploymentChain({ containers: [{ name: "a" }] }), ID);
    expectFixed([pod({ seccompProfile: { type: "Bogus" } })], ID);
  });
});

import { describe, expect, it } from "vitest";
import { analyze } from "../../../test/support/store.js";

const ns = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: "v1",
  kind: "Namespace",
  metadata: { name, labels: { "kubernetes.io/metadata.name": name, ...labels } },
});
const privilegedPod = (namespace: string) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "p", namespace, uid: `uid-${namespace}-p` },
  spec: { containers: [{ name: "c", image: "x:1", securityContext: { privileged: true } }] },
});
const vapBinding = (name: string, selector?: unknown, actions = ["Deny"]) => ({
  apiVersion: "admissionregistration.k8s.io/v1",
  kind: "ValidatingAdmissionPolicyBinding",
  metadata: { name },
  spec: {
    policyName: "no-privileged",
    validationActions: actions,
    ...(selector ? { matchResources: { namespaceSelector: selector } } : {}),
  },
});
const unguarded = (raws: unknown[]) =>
  analyze(raws)
    .result.findings.filter((f) => f.check === "cluster.namespace-unguarded")
    .map((f) => f.resource.name);

describe("cluster.namespace-unguarded", () => {
  it("flags a namespace running privileged-level pods with no admission guard, naming what it cannot see", () => {
    const { result } = analyze([ns("shop"), privilegedPod("shop")]);
    const f = result.findings.find((x) => x.check === "cluster.namespace-unguarded")!;
    expect(f.resource.name).toBe("shop");
    expect(f.message).toContain("Gatekeeper constraints");
  });

  it("a PSA enforce label above privileged, or a denying VAP binding that selects it, is a guard", () => {
    expect(unguarded([ns("a", { "pod-security.kubernetes.io/enforce": "baseline" }), privilegedPod("a")])).toEqual([]);
    expect(unguarded([ns("a", { "pod-security.kubernetes.io/enforce": "privileged" }), privilegedPod("a")])).toEqual([
      "a",
    ]);
    expect(unguarded([ns("a", { team: "x" }), privilegedPod("a"), vapBinding("all")])).toEqual([]);
    expect(
      unguarded([ns("a", { team: "x" }), privilegedPod("a"), vapBinding("x", { matchLabels: { team: "x" } })]),
    ).toEqual([]);
    expect(
      unguarded([ns("a", { team: "x" }), privilegedPod("a"), vapBinding("y", { matchLabels: { team: "y" } })]),
    ).toEqual(["a"]);
    expect(unguarded([ns("a"), privilegedPod("a"), vapBinding("warn-only", undefined, ["Warn", "Audit"])])).toEqual([
      "a",
    ]);
  });

  it("not for namespaces whose workloads meet baseline, nor system namespaces", () => {
    const plain = { ...privilegedPod("b"), spec: { containers: [{ name: "c", image: "x:1" }] } };
    expect(unguarded([ns("b"), plain, ns("kube-system"), privilegedPod("kube-system")])).toEqual([]);
  });
});

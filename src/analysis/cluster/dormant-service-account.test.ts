import { describe, expect, it } from "vitest";
import { analyze } from "../../../test/support/store.js";
import { planFixes } from "../../patch/plan.js";
import { checkCatalog } from "../registry.js";

const sa = (ns: string, name: string) => ({
  apiVersion: "v1",
  kind: "ServiceAccount",
  metadata: { name, namespace: ns },
});
const crb = (name: string, subjects: unknown[]) => ({
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "ClusterRoleBinding",
  metadata: { name },
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
  subjects,
});
const admin = {
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "ClusterRole",
  metadata: { name: "cluster-admin" },
  rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }],
};
const subject = (ns: string, name: string) => ({ kind: "ServiceAccount", name, namespace: ns });
const podAs = (ns: string, name: string) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "p", namespace: ns },
  spec: { serviceAccountName: name, containers: [{ name: "c", image: "x:1" }] },
});

describe("rbac.dormant-service-account", () => {
  it("reports an account no pod uses that holds risky RBAC of its own; not a used one, not kube-system", () => {
    const { result } = analyze([
      admin,
      sa("ci", "old-deployer"),
      sa("ci", "runner"),
      sa("kube-system", "deployment-controller"),
      podAs("ci", "runner"),
      crb("old", [subject("ci", "old-deployer")]),
      crb("run", [subject("ci", "runner")]),
      crb("ctrl", [subject("kube-system", "deployment-controller")]),
    ]);
    const fs = result.findings.filter((f) => f.check === "rbac.dormant-service-account");
    expect(fs.map((f) => `${f.resource.namespace}/${f.resource.name}`)).toEqual(["ci/old-deployer"]);
    expect(fs[0]!.panel).toBe("rbac");
    expect(fs[0]!.message).toContain("ClusterRoleBinding old");
  });

  it("prints shell-quoted deletions, and never deletes a binding that also grants others", () => {
    const hostile = "old;rm -rf ~";
    const { store, result } = analyze([
      admin,
      sa("ci", "old-deployer"),
      sa("ci", "someone"),
      crb(hostile, [subject("ci", "old-deployer")]),
      crb("shared", [subject("ci", "old-deployer"), subject("ci", "someone")]),
    ]);
    const f = result.findings.find(
      (x) => x.check === "rbac.dormant-service-account" && x.resource.name === "old-deployer",
    )!;
    const [plan] = planFixes([f], store, checkCatalog(), result.models);
    const lines = plan!.commands.join("\n").split("\n");
    expect(lines).toContain("kubectl delete clusterrolebinding 'old;rm -rf ~'");
    expect(lines.find((l) => l.includes("shared"))).toMatch(/^# clusterrolebinding shared also binds 1 other/);
    expect(lines.some((l) => l.startsWith("kubectl delete clusterrolebinding shared"))).toBe(false);
  });
});

describe("rbac.dormant-service-account: names no command may carry", () => {
  it("never prints a binding whose name holds a control character", () => {
    const { store, result } = analyze([
      admin,
      sa("ci", "old-deployer"),
      crb("evil\nkubectl delete ns prod", [subject("ci", "old-deployer")]),
    ]);
    const f = result.findings.find((x) => x.check === "rbac.dormant-service-account")!;
    const [plan] = planFixes([f], store, checkCatalog(), result.models);
    const text = plan!.commands.join("\n");
    expect(text).not.toContain("delete ns prod");
    expect(text).toContain("unprintable name");
  });
});

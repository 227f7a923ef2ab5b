import { describe, expect, it } from "vitest";
import { analyzeWith, fakeEngine, fakeRbac, type Grant } from "../../../test/support/fake-models.js";
import { namespaceRaw, secretRaw } from "../../../test/support/objects.js";
import { groupS, mkBinding, mkRole, rule } from "../../../test/support/rbac.js";
import { analyze } from "../../../test/support/store.js";
import type { ResourceRef } from "../../cluster/objects.js";
import { type Finding, makeFinding } from "../finding.js";
import type { SubjectRef } from "../models.js";

const CHECK = "path.anonymous-risky";
const authenticated: SubjectRef = { kind: "Group", name: "system:authenticated" };
const anonymous: SubjectRef = { kind: "User", name: "system:anonymous" };
const raws = [namespaceRaw("a"), namespaceRaw("b"), secretRaw("a", "one"), secretRaw("b", "two")];

const run = (grants: Grant[], findings: Finding[] = []) =>
  analyzeWith(raws, [fakeEngine("rbac", fakeRbac(grants), findings)]).result.findings.filter((f) => f.check === CHECK);
const rbacFinding = (subject: SubjectRef, related: ResourceRef[]) =>
  makeFinding({
    meta: {
      id: "rbac.anonymous-binding",
      title: "x",
      severity: "critical",
      panel: "rbac",
      description: "",
      remediation: "",
      references: [],
    },
    resource: { apiVersion: "rbac.authorization.k8s.io/v1", kind: subject.kind, name: subject.name },
    message: "grants permissions to everyone",
    related,
  });

describe(CHECK, () => {
  it("names what every authenticated user can reach, on the binding that grants it", () => {
    const binding = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", name: "all-read" };
    const part = rbacFinding(authenticated, [binding]);
    const other = rbacFinding(anonymous, [binding]);
    const f = run([{ subject: authenticated, verbs: ["get", "list"], resources: ["secrets"], binding }], [part, other]);
    expect(f).toHaveLength(1);
    expect(f[0]!.chain).toEqual([part.id]);
    expect(f[0]).toMatchObject({ severity: "critical", panel: "rbac", resource: binding });
    expect(f[0]!.message).toMatch(/every authenticated user .*read 2 secret\(s\): a\/one, b\/two/);
  });

  it("finds anonymous pod creation per namespace", () => {
    const f = run([{ subject: anonymous, verbs: ["*"], resources: ["*"], namespace: "b" }]);
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain("create pods in b");
    expect(f[0]!.message).toContain("b/two");
    expect(f[0]!.message).not.toContain("a/one");
  });

  it.each([
    ["nobody broad is bound", [{ subject: { kind: "User", name: "jane" }, verbs: ["*"], resources: ["*"] }]],
    ["nothing is bound", []],
  ] as [string, Grant[]][])("passes when %s", (_, grants) => {
    expect(run(grants)).toEqual([]);
  });
});

describe(`${CHECK} through the real RBAC engine`, () => {
  const everyone = (rules: Record<string, unknown>[]) => [
    namespaceRaw("a"),
    secretRaw("a", "one"),
    mkRole(undefined, "everyone-reads", rules),
    mkBinding(undefined, "everyone-reads", { kind: "ClusterRole", name: "everyone-reads" }, [
      groupS("system:authenticated"),
    ]),
  ];

  it("a broad binding of harmless verbs is one finding, ranked by what it grants, and no attack path", () => {
    const { result } = analyze(everyone([rule(["get", "list", "watch"], ["configmaps"])]));
    expect(result.findings.filter((f) => f.check === CHECK)).toEqual([]);
    const binding = result.findings.filter((f) => f.check === "rbac.anonymous-binding");
    expect(binding).toHaveLength(1);
    expect(binding[0]!.severity).toBe("medium");
  });

  it("a risky permission of the catalogue makes it a path that cites that permission", () => {
    const { result } = analyze(everyone([rule(["get", "list"], ["secrets"])]));
    const paths = result.findings.filter((f) => f.check === CHECK);
    expect(paths).toHaveLength(1);
    expect(paths[0]!.severity).toBe("critical");
    const byId = new Map(result.findings.map((f) => [f.id, f.check]));
    expect(paths[0]!.chain!.map((id) => byId.get(id))).toContain("rbac.secrets-read");
  });
});

import { describe, expect, it } from "vitest";
import { analyzeWith, fakeEngine, fakeRbac, type Grant, sa } from "../../../test/support/fake-models.js";
import { deploymentWith, secretRaw } from "../../../test/support/objects.js";
import type { SecretsModel } from "../models.js";

const CHECK = "secret.broad-readers";
const web = deploymentWith({
  serviceAccountName: "web",
  containers: [
    { name: "app", image: "a:1", env: [{ name: "P", valueFrom: { secretKeyRef: { name: "db", key: "p" } } }] },
  ],
});
const db = secretRaw("t", "db");
const webReads: Grant = {
  subject: sa("t", "web"),
  verbs: ["get"],
  resources: ["secrets"],
  namespace: "t",
  names: ["db"],
};

function run(grants: Grant[]) {
  const { result } = analyzeWith([web, db], [fakeEngine("rbac", fakeRbac(grants))]);
  return {
    findings: result.findings.filter((f) => f.check === CHECK),
    model: result.models.get("secrets") as SecretsModel,
  };
}

describe(CHECK, () => {
  it.each([
    [
      "every authenticated user",
      { subject: { kind: "Group", name: "system:authenticated" }, verbs: ["get", "list"], resources: ["secrets"] },
      "high",
    ],
    [
      "anonymous",
      { subject: { kind: "User", name: "system:anonymous" }, verbs: ["*"], resources: ["*"], namespace: "t" },
      "high",
    ],
    [
      "another namespace's account",
      { subject: sa("monitoring", "prometheus"), verbs: ["list", "watch"], resources: ["secrets"] },
      "medium",
    ],
    [
      "a person",
      { subject: { kind: "User", name: "jane@example.com" }, verbs: ["get"], resources: ["secrets"], namespace: "t" },
      "medium",
    ],
  ] as [string, Grant, string][])("flags a secret readable by %s (%s)", (_, grant, severity) => {
    const { findings } = run([webReads, grant]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity, resource: expect.objectContaining({ kind: "Secret", name: "db" }) });
    expect(findings[0]!.message).toContain(grant.subject.name);
    expect(findings[0]!.message).not.toContain("t/web");
    expect(findings[0]!.related?.length).toBeGreaterThan(0);
  });

  it.each([
    ["only the workload that uses it", [webReads]],
    [
      "the control plane",
      [
        webReads,
        { subject: { kind: "Group", name: "system:masters" }, verbs: ["*"], resources: ["*"] },
        { subject: sa("kube-system", "namespace-controller"), verbs: ["list"], resources: ["secrets"] },
      ],
    ],
    ["nobody", []],
  ] as [string, Grant[]][])("passes when readable by %s", (_, grants) => {
    expect(run(grants).findings).toEqual([]);
  });

  it("publishes the readers of each secret, with verbs, bindings and whether expected", () => {
    const { model } = run([
      webReads,
      { subject: { kind: "Group", name: "system:authenticated" }, verbs: ["get", "list"], resources: ["secrets"] },
    ]);
    const readers = model.readersOf("t", "db");
    expect(readers.map((r) => [r.subject.name, r.verbs, r.expected, r.broad])).toEqual([
      ["system:authenticated", ["get", "list"], false, true],
      ["web", ["get"], true, false],
    ]);
    expect(readers[0]!.paths[0]!.binding.kind).toBe("ClusterRoleBinding");
    expect(model.readersOf("t", "missing")).toEqual([]);
  });

  it("publishes an empty model without RBAC", () => {
    const { result } = analyzeWith([web, db], []);
    expect((result.models.get("secrets") as SecretsModel).readersOf("t", "db")).toEqual([]);
    expect(result.findings.filter((f) => f.check === CHECK)).toEqual([]);
  });
});

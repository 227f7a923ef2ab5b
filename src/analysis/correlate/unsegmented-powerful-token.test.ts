import { describe, expect, it } from "vitest";
import { analyzeWith, fakeEngine, fakeNetwork, fakeRbac, type Grant, sa } from "../../../test/support/fake-models.js";
import { deploymentWith, namespaceRaw } from "../../../test/support/objects.js";
import { makeFinding } from "../finding.js";

const CHECK = "path.unsegmented-powerful-token";
const admin: Grant = { subject: sa("t", "runner"), verbs: ["*"], resources: ["*"] };
const nsReader: Grant = { subject: sa("t", "runner"), verbs: ["get"], resources: ["secrets"], namespace: "t" };
const nsRef = { apiVersion: "v1", kind: "Namespace", name: "t" };
const netFinding = makeFinding({
  meta: {
    id: "net.namespace-unsegmented",
    title: "x",
    severity: "high",
    panel: "network",
    description: "",
    remediation: "",
    references: [],
  },
  resource: nsRef,
  message: "namespace t has no NetworkPolicy",
});

function run(
  segmentation: "none" | "partial" | "default-deny" | undefined,
  grants: Grant[],
  spec: Record<string, unknown> = {},
) {
  const raws = [namespaceRaw("t"), deploymentWith({ serviceAccountName: "runner", ...spec })];
  const engines = [fakeEngine("rbac", fakeRbac(grants))];
  // No segmentation: a "network" engine that publishes no model (the real one must not stand in).
  engines.push(
    segmentation
      ? fakeEngine("network", fakeNetwork({ t: segmentation }), [netFinding])
      : fakeEngine("network", undefined),
  );
  return analyzeWith(raws, engines).result;
}

describe(CHECK, () => {
  it("finds a powerful token in an unsegmented namespace, chained to the network and token findings", () => {
    const result = run("none", [admin]);
    const f = result.findings.filter((x) => x.check === CHECK);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: "critical", panel: "network" });
    const token = result.findings.find((x) => x.check === "secret.token-automount")!;
    expect(f[0]!.chain).toEqual(expect.arrayContaining([netFinding.id, token.id]));
    expect(f[0]!.related).toEqual(expect.arrayContaining([nsRef]));
  });

  it.each([
    ["the namespace denies by default", "default-deny", [admin], {}],
    ["the account is only namespace-powerful", "none", [nsReader], {}],
    ["the token is not mounted", "none", [admin], { automountServiceAccountToken: false }],
    ["there is no network model", undefined, [admin], {}],
  ] as const)("passes when %s", (_, seg, grants, spec) => {
    expect(run(seg, [...grants], spec).findings.filter((x) => x.check === CHECK)).toEqual([]);
  });
});

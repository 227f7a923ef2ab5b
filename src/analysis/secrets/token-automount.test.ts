import { describe, expect, it } from "vitest";
import { analyzeWith, fakeEngine, fakeRbac, type Grant, sa } from "../../../test/support/fake-models.js";
import { deploymentWith, serviceAccountRaw } from "../../../test/support/objects.js";
import { applyPlans } from "../../../test/support/roundtrip.js";
import { podWith } from "../../../test/support/store.js";
import { planFixes } from "../../patch/plan.js";
import { checkCatalog } from "../registry.js";

const CHECK = "secret.token-automount";
const admin: Grant[] = [{ subject: sa("t", "runner"), verbs: ["*"], resources: ["*"] }];
const nsReader: Grant[] = [{ subject: sa("t", "runner"), verbs: ["get"], resources: ["secrets"], namespace: "t" }];
const harmless: Grant[] = [{ subject: sa("t", "other"), verbs: ["*"], resources: ["*"] }];

const run = (raws: Record<string, unknown>[], grants: Grant[]) =>
  analyzeWith(raws, [fakeEngine("rbac", fakeRbac(grants))]);
const found = (raws: Record<string, unknown>[], grants: Grant[]) =>
  run(raws, grants).result.findings.filter((f) => f.check === CHECK);

const withSa = (spec: Record<string, unknown> = {}) => deploymentWith({ serviceAccountName: "runner", ...spec });

describe(CHECK, () => {
  it.each([
    ["cluster-admin-like account", admin, "critical"],
    ["namespace secret reader", nsReader, "high"],
  ])("flags a mounted token of a %s as %s", (_, grants, severity) => {
    const f = found([withSa(), serviceAccountRaw("t", "runner")], grants);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity, path: "spec.template.spec.automountServiceAccountToken" });
    expect(f[0]!.message).toContain("ServiceAccount t/runner");
    expect(f[0]!.related).toEqual([expect.objectContaining({ kind: "ServiceAccount", name: "runner" })]);
  });

  it.each([
    ["the pod opts out", [withSa({ automountServiceAccountToken: false }), serviceAccountRaw("t", "runner")], admin],
    [
      "the account opts out",
      [withSa(), serviceAccountRaw("t", "runner", { automountServiceAccountToken: false })],
      admin,
    ],
    [
      "the pod projects its own token",
      [
        withSa({
          volumes: [
            { name: "tok", projected: { sources: [{ serviceAccountToken: { path: "t", audience: "vault" } }] } },
          ],
        }),
      ],
      admin,
    ],
    ["the account has no risky RBAC", [withSa()], harmless],
  ])("passes when %s", (_, raws, grants) => {
    expect(found(raws, grants)).toEqual([]);
  });

  it("pod opt-in beats the account's opt-out", () => {
    expect(
      found(
        [
          withSa({ automountServiceAccountToken: true }),
          serviceAccountRaw("t", "runner", { automountServiceAccountToken: false }),
        ],
        admin,
      ),
    ).toHaveLength(1);
  });

  it("is silent without the RBAC model", () => {
    expect(analyzeWith([withSa()], []).result.findings.filter((f) => f.check === CHECK)).toEqual([]);
  });

  it.each([
    ["a Deployment (template patch)", withSa(), "strategic"],
    ["a bare pod (recreate manifest)", podWith({ serviceAccountName: "runner" }), "manifest"],
  ])("fix on %s turns automount off and the finding clears", (_, workload, type) => {
    const raws = [workload, serviceAccountRaw("t", "runner")];
    const { store, result } = run(raws, admin);
    const plans = planFixes(
      result.findings.filter((f) => f.check === CHECK),
      store,
      checkCatalog(),
      result.models,
    );
    expect(plans).toHaveLength(1);
    expect(plans[0]!.type).toBe(type);
    expect(plans[0]!.mayBreak.join()).toMatch(/call the Kubernetes API/);
    const after = run(applyPlans(raws, plans), admin).result.findings;
    expect(after.filter((f) => f.check === CHECK)).toEqual([]);
  });
});

describe(`${CHECK}: ranking`, () => {
  it("ranks by what the account adds to every authenticated client, not by what everyone has", () => {
    const everyone: Grant = {
      subject: { kind: "Group", name: "system:authenticated" },
      verbs: ["list", "get"],
      resources: ["secrets"],
    };
    const podCreator: Grant = { subject: sa("t", "runner"), verbs: ["create"], resources: ["pods"], namespace: "t" };
    // Everyone reads all secrets: the token adds pod creation only (high), not "reads all secrets" (critical).
    const f = found([withSa()], [everyone, podCreator]);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe("high");
    expect(f[0]!.message).not.toContain("secrets");
    // A token that adds nothing is not reported.
    expect(found([withSa()], [everyone])).toEqual([]);
  });

  describe("the namespace's default service account (CIS 5.1.5/5.1.6)", () => {
    const asDefault = (spec: Record<string, unknown> = {}) => deploymentWith({ ...spec });
    const defaultAdmin: Grant[] = [{ subject: sa("t", "default"), verbs: ["*"], resources: ["*"] }];

    it("a pod mounting the default account's token without risky RBAC is low, not silent", () => {
      const f = found([asDefault(), serviceAccountRaw("t", "default")], harmless);
      expect(f).toHaveLength(1);
      expect(f[0]).toMatchObject({ severity: "low", path: "spec.template.spec.automountServiceAccountToken" });
      expect(f[0]!.message).toContain("default service account");
    });

    it("a powerful default account keeps its ranking", () => {
      expect(found([asDefault(), serviceAccountRaw("t", "default")], defaultAdmin)[0]?.severity).toBe("critical");
    });

    it.each([
      ["the pod opts out", [asDefault({ automountServiceAccountToken: false })]],
      [
        "the default account opts out",
        [asDefault(), serviceAccountRaw("t", "default", { automountServiceAccountToken: false })],
      ],
    ])("passes when %s", (_, raws) => {
      expect(found(raws, harmless)).toEqual([]);
    });
  });
});

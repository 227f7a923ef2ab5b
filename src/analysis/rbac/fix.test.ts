import { describe, expect, it } from "vitest";
import { mkBinding, mkRole, rule, saS } from "../../../test/support/rbac.js";
import { roundTrip } from "../../../test/support/roundtrip.js";
import { analyze } from "../../../test/support/store.js";
import { demoObjects } from "../../cluster/demo/cluster.js";
import { planFixes } from "../../patch/plan.js";
import { renderPatch } from "../../patch/render.js";
import { checkCatalog } from "../registry.js";

type Json = Record<string, unknown>;

describe("RBAC fixes", () => {
  it("narrows the subject's own role: risky verbs go, the rest stays, and the finding is gone", () => {
    const raws: Json[] = [
      mkRole("t", "app", [
        rule(["get", "list", "watch"], ["secrets", "configmaps"]),
        rule(["create", "get"], ["pods"]),
        rule(["*"], ["services"]),
      ]),
      mkBinding("t", "app", { kind: "Role", name: "app" }, [saS("t", "app")]),
    ];
    const rt = roundTrip(raws, ["rbac.secrets-read", "rbac.workload-create", "rbac.wildcard"]);
    expect(rt.plans).toHaveLength(1);
    expect(rt.plans[0]!.type).toBe("manifest");
    expect(rt.plans[0]!.target).toMatchObject({ kind: "Role", namespace: "t", name: "app" });
    expect(rt.plans[0]!.body).toMatchObject({
      rules: [
        { apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] },
        { apiGroups: [""], resources: ["pods"], verbs: ["get"] },
      ],
    });
    expect(rt.plans[0]!.mayBreak.join(" ")).toMatch(/may need some/);
    expect(rt.remaining).toEqual([]);
    expect(rt.introduced).toEqual([]);
  });

  it("does not narrow a shared or built-in role: prints the binding's deletion instead", () => {
    const { store, result } = analyze(demoObjects());
    const plans = planFixes(
      result.findings.filter((f) => f.panel === "rbac"),
      store,
      checkCatalog(),
      result.models,
    );
    const edit = plans.find((p) => p.target.name === "default-edit")!;
    expect(edit.type).toBe("none");
    expect(edit.commands).toEqual(["kubectl delete rolebinding/default-edit -n dev"]);
    expect(renderPatch(edit).commands).toEqual(["kubectl delete rolebinding/default-edit -n dev"]);
    const admin = plans.find((p) => p.target.name === "ci-runner-admin")!;
    expect(admin.commands).toEqual(["kubectl delete clusterrolebinding/ci-runner-admin"]);
    // Nothing narrows edit, cluster-admin or the aggregated monitoring roles.
    for (const p of plans)
      if (p.type === "manifest")
        expect(["deployer", "secret-reader", "secrets-viewer", "wildcard", "dashboards-admin"]).toContain(
          p.target.name,
        );
  });

  it("merges every finding on the deployer role into one manifest", () => {
    const { store, result } = analyze(demoObjects());
    // (the unused ci/deployer ServiceAccount's own finding is fixed on the account, by commands)
    const onDeployer = result.findings.filter(
      (f) => f.fix?.target.name === "deployer" && f.fix.target.kind !== "ServiceAccount",
    );
    expect(onDeployer.length).toBeGreaterThan(5);
    const plans = planFixes(onDeployer, store, checkCatalog(), result.models);
    expect(plans).toHaveLength(1);
    expect(plans[0]!.extraManifests).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { groupS, mkBinding, mkRole, rule, saS, userS } from "../../../test/support/rbac.js";
import { analyze, storeOf } from "../../../test/support/store.js";
import type { RbacModel } from "../models.js";
import { resolve, resolveRoles } from "./resolve.js";

const rulesOf = (raws: unknown[], name: string) =>
  resolveRoles(storeOf(raws))
    .get(`ClusterRole//${name}`)!
    .rules.map((r) => `${r.from.name}:${r.rule.resources.join(",")}`)
    .sort();

describe("ClusterRole aggregation", () => {
  const parts = [
    mkRole(undefined, "part-a", [rule(["get"], ["pods"])], { labels: { agg: "yes", tier: "1" } }),
    mkRole(undefined, "part-b", [rule(["get"], ["secrets"])], { labels: { agg: "yes", tier: "2" } }),
    mkRole(undefined, "part-c", [rule(["get"], ["nodes"])], { labels: { other: "x" } }),
  ];
  const cases: [string, unknown, string[]][] = [
    ["matchLabels", [{ matchLabels: { agg: "yes" } }], ["part-a:pods", "part-b:secrets"]],
    [
      "matchLabels AND matchExpressions",
      [{ matchLabels: { agg: "yes" }, matchExpressions: [{ key: "tier", operator: "In", values: ["2"] }] }],
      ["part-b:secrets"],
    ],
    [
      "NotIn",
      [{ matchExpressions: [{ key: "tier", operator: "NotIn", values: ["1"] }] }],
      ["part-b:secrets", "part-c:nodes"],
    ],
    ["Exists", [{ matchExpressions: [{ key: "other", operator: "Exists" }] }], ["part-c:nodes"]],
    ["DoesNotExist", [{ matchExpressions: [{ key: "agg", operator: "DoesNotExist" }] }], ["part-c:nodes"]],
    [
      "selectors are ORed",
      [{ matchLabels: { tier: "1" } }, { matchLabels: { other: "x" } }],
      ["part-a:pods", "part-c:nodes"],
    ],
    ["unknown operator selects nothing", [{ matchExpressions: [{ key: "agg", operator: "Gt" }] }], []],
  ];
  it.each(cases)("%s", (_n, selectors, expected) => {
    const agg = mkRole(undefined, "agg", [], { aggregationRule: { clusterRoleSelectors: selectors } });
    expect(rulesOf([...parts, agg], "agg")).toEqual(expected);
  });

  it("unions declared rules (live clusters fill them in) without duplicating", () => {
    const agg = mkRole(undefined, "agg", [rule(["list"], ["configmaps"])], {
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { tier: "1" } }] },
    });
    expect(rulesOf([...parts, agg], "agg")).toEqual(["agg:configmaps", "part-a:pods"]);
  });

  it("resolves nested aggregation and survives cycles", () => {
    const a = mkRole(undefined, "a", [rule(["get"], ["pods"])], {
      labels: { x: "1" },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { y: "1" } }] },
    });
    const b = mkRole(undefined, "b", [rule(["get"], ["secrets"])], {
      labels: { y: "1" },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { x: "1" } }] },
    });
    expect(rulesOf([a, b], "a")).toEqual(["a:pods", "b:secrets"]);
    expect(rulesOf([a, b], "b")).toEqual(["a:pods", "b:secrets"]);
  });
});

describe("bindings → grants", () => {
  const admin = mkRole(undefined, "cluster-admin", [rule(["*"], ["*"], ["*"])]);

  it("a RoleBinding to cluster-admin only grants within its namespace", () => {
    const { result } = analyze([
      admin,
      mkBinding("dev", "dev-admin", { kind: "ClusterRole", name: "cluster-admin" }, [saS("dev", "ops")]),
    ]);
    const rbac = result.models.get("rbac") as RbacModel;
    const ops = { kind: "ServiceAccount" as const, namespace: "dev", name: "ops" };
    expect(rbac.can(ops, { verb: "get", resource: "secrets", namespace: "dev" })).toBe(true);
    expect(rbac.can(ops, { verb: "get", resource: "secrets", namespace: "prod" })).toBe(false);
    expect(rbac.can(ops, { verb: "get", resource: "secrets" })).toBe(false);
    expect(rbac.can(ops, { verb: "get", resource: "nodes" })).toBe(false);
    const f = result.findings.find((x) => x.check === "rbac.cluster-admin");
    expect(f?.severity).toBe("high");
    expect(f?.message).toMatch(/namespace dev/);
  });

  it("a ClusterRoleBinding grants everywhere, cluster-scoped resources included", () => {
    const { result } = analyze([
      admin,
      mkBinding(undefined, "root", { kind: "ClusterRole", name: "cluster-admin" }, [userS("alice")]),
    ]);
    const rbac = result.models.get("rbac") as RbacModel;
    const alice = { kind: "User" as const, name: "alice" };
    expect(rbac.can(alice, { verb: "delete", resource: "nodes" })).toBe(true);
    expect(rbac.can(alice, { verb: "get", resource: "secrets", namespace: "any" })).toBe(true);
    expect(result.findings.find((x) => x.check === "rbac.cluster-admin")?.severity).toBe("critical");
  });

  it("defaults a ServiceAccount subject's namespace to the RoleBinding's", () => {
    const res = resolve(
      storeOf([
        mkRole("shop", "r", [rule(["get"], ["pods"])]),
        mkBinding("shop", "b", { kind: "Role", name: "r" }, [{ kind: "ServiceAccount", name: "web" }]),
      ]),
    );
    expect(res.grants.map((g) => g.subject)).toEqual([{ kind: "ServiceAccount", namespace: "shop", name: "web" }]);
  });

  it("treats the user system:serviceaccount:ns:name as that service account", () => {
    const res = resolve(
      storeOf([
        mkRole("shop", "r", [rule(["get"], ["pods"])]),
        mkBinding("shop", "b", { kind: "Role", name: "r" }, [userS("system:serviceaccount:shop:web")]),
      ]),
    );
    expect(res.grants[0]!.subject).toEqual({ kind: "ServiceAccount", namespace: "shop", name: "web" });
  });

  it("a binding to a missing role grants nothing and is reported (built-in names are not)", () => {
    const { result } = analyze([
      mkBinding("ci", "gone", { kind: "Role", name: "deleted" }, [groupS("devs")]),
      mkBinding("ci", "to-edit", { kind: "ClusterRole", name: "edit" }, [groupS("devs")]),
    ]);
    const rbac = result.models.get("rbac") as RbacModel;
    expect(rbac.whoCan({ verb: "get", resource: "pods", namespace: "ci" })).toEqual([]);
    const missing = result.findings.filter((f) => f.check === "rbac.binding-missing-role");
    expect(missing.map((f) => f.resource.name)).toEqual(["gone"]);
    expect(missing[0]!.fix).toMatchObject({ type: "none", target: { kind: "RoleBinding", name: "gone" } });
  });

  it("a RoleBinding may not reference a Role of another namespace", () => {
    const res = resolve(
      storeOf([
        mkRole("a", "r", [rule(["get"], ["pods"])]),
        mkBinding("b", "x", { kind: "Role", name: "r" }, [groupS("devs")]),
      ]),
    );
    expect(res.grants).toEqual([]);
    expect(res.dangling.map((d) => d.role)).toMatchObject([{ kind: "Role", namespace: "b", name: "r" }]);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupS, mkBinding, mkRole, rule, saS, userS } from "../../../test/support/rbac.js";
import { analyze } from "../../../test/support/store.js";
import { demoObjects } from "../../cluster/demo/cluster.js";
import type { AccessQuery, RbacModel, SubjectRef } from "../models.js";
import { subjectKey } from "./resolve.js";
import { identitiesOf } from "./who-can.js";

const modelOf = (raws: unknown[]) => analyze(raws).result.models.get("rbac") as RbacModel;
const who = (m: RbacModel, q: AccessQuery) => [...new Set(m.whoCan(q).map((p) => subjectKey(p.subject)))].sort();
const sa = (namespace: string, name: string): SubjectRef => ({ kind: "ServiceAccount", namespace, name });

describe("group membership", () => {
  const reader = mkRole(undefined, "reader", [rule(["get"], ["configmaps"])]);
  const cases: [string, Record<string, unknown>, SubjectRef, boolean][] = [
    ["system:serviceaccounts reaches every SA", groupS("system:serviceaccounts"), sa("a", "x"), true],
    ["system:serviceaccounts:ns reaches that namespace's SAs", groupS("system:serviceaccounts:a"), sa("a", "x"), true],
    ["system:serviceaccounts:ns not another namespace's", groupS("system:serviceaccounts:a"), sa("b", "x"), false],
    ["system:authenticated reaches SAs", groupS("system:authenticated"), sa("b", "x"), true],
    ["system:authenticated reaches users", groupS("system:authenticated"), { kind: "User", name: "bob" }, true],
    [
      "system:authenticated not anonymous",
      groupS("system:authenticated"),
      { kind: "User", name: "system:anonymous" },
      false,
    ],
    [
      "system:unauthenticated reaches anonymous",
      groupS("system:unauthenticated"),
      { kind: "User", name: "system:anonymous" },
      true,
    ],
    ["system:unauthenticated not users", groupS("system:unauthenticated"), { kind: "User", name: "bob" }, false],
    ["an SA subject is not another SA", saS("a", "y"), sa("a", "x"), false],
  ];
  it.each(cases)("%s", (_n, subject, who_, expected) => {
    const m = modelOf([reader, mkBinding(undefined, "b", { kind: "ClusterRole", name: "reader" }, [subject])]);
    expect(m.can(who_, { verb: "get", resource: "configmaps", namespace: "a" })).toBe(expected);
  });

  it("lists a service account's groups", () => {
    expect(identitiesOf(sa("shop", "web")).map(subjectKey)).toEqual([
      "ServiceAccount/shop/web",
      "Group//system:serviceaccounts",
      "Group//system:serviceaccounts:shop",
      "Group//system:authenticated",
    ]);
  });
});

describe("whoCan", () => {
  const raws = [
    mkRole(undefined, "secret-reader", [rule(["get", "list"], ["secrets"])]),
    mkRole("pay", "one-secret", [rule(["get"], ["secrets"], [""], { resourceNames: ["key"] })]),
    mkRole("pay", "exec", [rule(["create"], ["pods/*"])]),
    mkBinding(undefined, "global", { kind: "ClusterRole", name: "secret-reader" }, [groupS("auditors")]),
    mkBinding("pay", "local", { kind: "ClusterRole", name: "secret-reader" }, [saS("pay", "app")]),
    mkBinding("pay", "named", { kind: "Role", name: "one-secret" }, [saS("pay", "api")]),
    mkBinding("pay", "exec", { kind: "Role", name: "exec" }, [userS("ops")]),
  ];
  const m = modelOf(raws);

  it("a namespace query includes cluster-wide grants; no namespace means cluster grants only", () => {
    expect(who(m, { verb: "get", resource: "secrets", namespace: "pay" })).toEqual([
      "Group//auditors",
      "ServiceAccount/pay/app",
    ]);
    expect(who(m, { verb: "get", resource: "secrets" })).toEqual(["Group//auditors"]);
    expect(who(m, { verb: "get", resource: "secrets", namespace: "other" })).toEqual(["Group//auditors"]);
  });

  it("resourceNames rules answer only for that name", () => {
    expect(who(m, { verb: "get", resource: "secrets", namespace: "pay", name: "key" })).toContain(
      "ServiceAccount/pay/api",
    );
    const path = m
      .whoCan({ verb: "get", resource: "secrets", namespace: "pay", name: "key" })
      .find((p) => p.subject.name === "api");
    expect(path?.resourceNames).toEqual(["key"]);
    expect(who(m, { verb: "get", resource: "secrets", namespace: "pay", name: "other" })).not.toContain(
      "ServiceAccount/pay/api",
    );
  });

  it("returns the binding → role → rule path and the scope", () => {
    const p = m.whoCan({ verb: "list", resource: "secrets", namespace: "pay" }).find((x) => x.subject.name === "app");
    expect(p).toMatchObject({
      binding: { kind: "RoleBinding", namespace: "pay", name: "local" },
      role: { kind: "ClusterRole", name: "secret-reader" },
      rule: "get,list secrets",
      scope: "pay",
    });
  });

  it("answers subresources through pods/* and in both spellings", () => {
    expect(who(m, { verb: "create", resource: "pods/exec", namespace: "pay" })).toEqual(["User//ops"]);
    expect(who(m, { verb: "create", resource: "pods", subresource: "exec", namespace: "pay" })).toEqual(["User//ops"]);
    expect(who(m, { verb: "create", resource: "pods", namespace: "pay" })).toEqual([]);
  });

  it("answers non-resource URLs from ClusterRoleBindings only", () => {
    const mm = modelOf([
      mkRole(undefined, "metrics", [{ verbs: ["get"], nonResourceURLs: ["/metrics", "/debug/*"] }]),
      mkBinding(undefined, "prom", { kind: "ClusterRole", name: "metrics" }, [saS("mon", "prom")]),
      mkBinding("mon", "local", { kind: "ClusterRole", name: "metrics" }, [saS("mon", "other")]),
    ]);
    expect(who(mm, { verb: "get", resource: "/metrics" })).toEqual(["ServiceAccount/mon/prom"]);
    expect(who(mm, { verb: "get", resource: "/debug/pprof" })).toEqual(["ServiceAccount/mon/prom"]);
    expect(who(mm, { verb: "get", resource: "/healthz" })).toEqual([]);
  });

  it("answers a grant to an anonymous binding as the User / Group", () => {
    const mm = modelOf([
      mkRole("ci", "all", [rule(["*"], ["*"], ["*"])]),
      mkBinding("ci", "anon", { kind: "Role", name: "all" }, [userS("system:anonymous")]),
    ]);
    expect(who(mm, { verb: "delete", resource: "pods", namespace: "ci" })).toEqual(["User//system:anonymous"]);
    expect(
      mm.can({ kind: "User", name: "system:anonymous" }, { verb: "delete", resource: "pods", namespace: "ci" }),
    ).toBe(true);
    expect(mm.can({ kind: "User", name: "bob" }, { verb: "delete", resource: "pods", namespace: "ci" })).toBe(false);
  });

  it("never throws on a malformed query", () => {
    expect(m.whoCan({} as AccessQuery)).toEqual([]);
    expect(m.can({} as SubjectRef, { verb: "get", resource: "pods" })).toBe(false);
  });
});

describe("the demo cluster", () => {
  const m = modelOf(demoObjects());
  it("who-can get secrets -n payments lists exactly the expected subjects", () => {
    expect(who(m, { verb: "get", resource: "secrets", namespace: "payments" })).toEqual([
      "Group//system:authenticated",
      "ServiceAccount/ci/runner-admin",
      "ServiceAccount/monitoring/prometheus",
    ]);
  });
  it("the payments api reads only its own secret", () => {
    expect(who(m, { verb: "get", resource: "secrets", namespace: "payments", name: "stripe-key" })).toContain(
      "ServiceAccount/payments/api",
    );
    expect(m.can(sa("payments", "api"), { verb: "list", resource: "secrets", namespace: "payments" })).toBe(true); // via system:authenticated
  });
  it("shop's secrets are also readable by web and anonymous is admin in ci", () => {
    expect(who(m, { verb: "list", resource: "secrets", namespace: "shop" })).toContain("ServiceAccount/shop/web");
    expect(who(m, { verb: "delete", resource: "secrets", namespace: "ci" })).toContain("User//system:anonymous");
  });
});

describe("property: random RBAC objects", () => {
  const rawRule = fc.record({
    verbs: fc.array(fc.constantFrom("get", "list", "create", "*", "bind"), { maxLength: 3 }),
    apiGroups: fc.array(fc.constantFrom("", "apps", "*"), { maxLength: 2 }),
    resources: fc.array(fc.constantFrom("pods", "secrets", "pods/exec", "pods/*", "*", "*/scale"), { maxLength: 3 }),
    resourceNames: fc.array(fc.constantFrom("x", "y"), { maxLength: 1 }),
    nonResourceURLs: fc.array(fc.constantFrom("/metrics", "/logs/*", "*"), { maxLength: 1 }),
  });
  const subject = fc.oneof(
    fc.record({
      kind: fc.constant("ServiceAccount"),
      namespace: fc.constantFrom("a", "b", undefined),
      name: fc.constantFrom("default", "x"),
    }),
    fc.record({
      kind: fc.constant("User"),
      name: fc.constantFrom("u", "system:anonymous", "system:serviceaccount:a:x"),
    }),
    fc.record({
      kind: fc.constant("Group"),
      name: fc.constantFrom("system:authenticated", "system:serviceaccounts:a", "g"),
    }),
    fc.anything(),
  );
  const roleArb = fc.record({
    ns: fc.constantFrom("a", "b", undefined),
    name: fc.constantFrom("r1", "r2", "cluster-admin"),
    rules: fc.oneof(fc.array(rawRule, { maxLength: 3 }), fc.anything()),
    labels: fc.constantFrom({}, { agg: "1" }),
    agg: fc.boolean(),
  });
  const bindingArb = fc.record({
    ns: fc.constantFrom("a", "b", undefined),
    name: fc.constantFrom("b1", "b2", "b3"),
    roleKind: fc.constantFrom("Role", "ClusterRole"),
    roleName: fc.constantFrom("r1", "r2", "cluster-admin", "missing"),
    subjects: fc.array(subject, { maxLength: 3 }),
  });
  const queryArb = fc.record({
    verb: fc.constantFrom("get", "list", "create", "bind"),
    resource: fc.constantFrom("pods", "secrets", "pods/exec", "deployments/scale", "/metrics", "/logs/x", "nodes"),
    namespace: fc.constantFrom("a", "b", undefined),
    name: fc.constantFrom("x", undefined),
  });

  it("never throws, and whoCan(q) agrees with can(subject, q)", () => {
    fc.assert(
      fc.property(
        fc.array(roleArb, { maxLength: 5 }),
        fc.array(bindingArb, { maxLength: 6 }),
        queryArb,
        (roles, bindings, q) => {
          const raws = [
            ...roles.map((r) =>
              mkRole(r.ns, r.name, r.rules as Record<string, unknown>[], {
                labels: r.labels,
                ...(r.agg && !r.ns
                  ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { agg: "1" } }] } }
                  : {}),
              }),
            ),
            ...bindings.map((b) =>
              mkBinding(
                b.ns,
                b.name,
                { kind: b.roleKind as "Role", name: b.roleName },
                b.subjects as Record<string, unknown>[],
              ),
            ),
          ];
          const { result } = analyze(raws);
          const m = result.models.get("rbac") as RbacModel;
          const query: AccessQuery = { verb: q.verb, resource: q.resource };
          if (q.namespace) query.namespace = q.namespace;
          if (q.name) query.name = q.name;
          const answers = m.whoCan(query);
          // Every answer's subject can; every subject (or one of its groups) that can is answered.
          for (const p of answers) expect(m.can(p.subject, query)).toBe(true);
          const answered = new Set(answers.map((p) => subjectKey(p.subject)));
          const candidates: SubjectRef[] = [
            { kind: "ServiceAccount", namespace: "a", name: "x" },
            { kind: "ServiceAccount", namespace: "b", name: "default" },
            { kind: "User", name: "u" },
            { kind: "User", name: "system:anonymous" },
            { kind: "Group", name: "g" },
          ];
          for (const s of candidates) {
            const viaIndex = identitiesOf(s).some((id) => answered.has(subjectKey(id)));
            expect(m.can(s, query)).toBe(viaIndex);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

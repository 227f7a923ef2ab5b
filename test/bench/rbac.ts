// RBAC engine at scale (issue 4): 10,000 roles, 50,000 bindings, 20,000 service
// accounts. Returns timings; the bench runner prints them (no assertions here).
import { performance } from "node:perf_hooks";
import { Analyzer } from "../../src/analysis/analyzer.js";
import type { RbacModel } from "../../src/analysis/models.js";
import { rbacEngine } from "../../src/analysis/rbac/index.js";
import { project } from "../../src/cluster/project.js";
import type { SourceEvent } from "../../src/cluster/source.js";
import { Store } from "../../src/store/store.js";

export interface RbacBench {
  roles: number;
  bindings: number;
  serviceAccounts: number;
  findings: number;
  engineRunMs: number;
  whoCanMs: number;
  whoCanAnswers: number;
}

const API = "rbac.authorization.k8s.io/v1";
const RULES = [
  { apiGroups: [""], resources: ["configmaps", "services"], verbs: ["get", "list", "watch"] },
  { apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] },
  { apiGroups: ["apps"], resources: ["deployments"], verbs: ["create", "update", "patch"] },
  { apiGroups: [""], resources: ["pods/exec"], verbs: ["create"] },
  { apiGroups: [""], resources: ["secrets"], resourceNames: ["one"], verbs: ["get"] },
];

export function rbacObjects(
  roles = 10_000,
  bindings = 50_000,
  serviceAccounts = 20_000,
  namespaces = 1_000,
): unknown[] {
  const out: unknown[] = [];
  const ns = (i: number) => `ns-${i % namespaces}`;
  for (let i = 0; i < serviceAccounts; i++)
    out.push({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: `sa-${i}`, namespace: ns(i), uid: `sa-${i}` },
    });
  for (let i = 0; i < roles; i++) {
    const cluster = i % 10 === 0;
    out.push({
      apiVersion: API,
      kind: cluster ? "ClusterRole" : "Role",
      metadata: { name: `role-${i}`, ...(cluster ? {} : { namespace: ns(i) }), uid: `role-${i}` },
      rules: [RULES[i % RULES.length], RULES[(i + 1) % RULES.length]],
    });
  }
  for (let i = 0; i < bindings; i++) {
    const r = i % roles;
    const clusterRole = r % 10 === 0;
    const clusterBinding = clusterRole && i % 7 === 0;
    const sa = i % serviceAccounts;
    out.push({
      apiVersion: API,
      kind: clusterBinding ? "ClusterRoleBinding" : "RoleBinding",
      metadata: {
        name: `b-${i}`,
        ...(clusterBinding ? {} : { namespace: clusterRole ? ns(sa) : ns(r) }),
        uid: `b-${i}`,
      },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: clusterRole ? "ClusterRole" : "Role", name: `role-${r}` },
      subjects: [{ kind: "ServiceAccount", name: `sa-${sa}`, namespace: ns(sa) }],
    });
  }
  return out;
}

export function benchRbac(): RbacBench {
  const raws = rbacObjects();
  const store = new Store();
  store.apply(raws.map((raw): SourceEvent => ({ type: "added", object: project(raw)! })));
  const t0 = performance.now();
  const result = new Analyzer(store, [rbacEngine()]).run();
  const engineRunMs = performance.now() - t0;
  const model = result.models.get("rbac") as RbacModel;
  const t1 = performance.now();
  const answers = model.whoCan({ verb: "get", resource: "secrets", namespace: "ns-7" });
  const whoCanMs = performance.now() - t1;
  return {
    roles: store.count("Role") + store.count("ClusterRole"),
    bindings: store.count("RoleBinding") + store.count("ClusterRoleBinding"),
    serviceAccounts: store.count("ServiceAccount"),
    findings: result.findings.length,
    engineRunMs: Math.round(engineRunMs),
    whoCanMs: Math.round(whoCanMs * 100) / 100,
    whoCanAnswers: answers.length,
  };
}

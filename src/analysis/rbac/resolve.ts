// Bindings → rules: every (subject, binding, role, rule) grant in the store.
// ClusterRoles with an aggregationRule get the union of their declared rules and
// the rules of every ClusterRole their selectors match (live clusters have them
// filled in already, manifests often do not: resolving both ways gives the same).
import { type KObject, type ResourceRef, refOf } from "../../cluster/objects.js";
import type { Store } from "../../store/store.js";
import type { SubjectRef } from "../models.js";
import { matches, parseSelector, type Selector } from "../network/selectors.js";
import { normalizeRules, type Rule } from "./rules.js";

export const RBAC_API = "rbac.authorization.k8s.io/v1";

/** A rule and the role that declares it (an aggregated ClusterRole's rules come from others). */
export interface SourcedRule {
  rule: Rule;
  from: ResourceRef;
  index: number;
}

export interface ResolvedRole {
  ref: ResourceRef;
  object: KObject | undefined;
  rules: SourcedRule[];
  aggregated: boolean;
}

export interface Grant {
  subject: SubjectRef;
  binding: ResourceRef;
  role: ResourceRef;
  rule: Rule;
  /** The role that declares the rule (differs from `role` for aggregated ClusterRoles). */
  ruleFrom: ResourceRef;
  ruleIndex: number;
  /** "cluster" for ClusterRoleBindings, else the binding's namespace. */
  scope: string;
}

export interface DanglingBinding {
  binding: ResourceRef;
  role: ResourceRef;
}

export interface Resolution {
  roles: Map<string, ResolvedRole>;
  grants: Grant[];
  dangling: DanglingBinding[];
  /** Subjects per binding (refKey of the binding), to tell shared bindings. */
  subjectsPerBinding: Map<string, number>;
  /** Bindings per role (roleKey), to tell shared roles. */
  bindingsPerRole: Map<string, number>;
}

export function roleKey(kind: string, namespace: string | undefined, name: string): string {
  return kind === "ClusterRole" ? `ClusterRole//${name}` : `Role/${namespace ?? ""}/${name}`;
}

export function subjectKey(s: SubjectRef): string {
  return `${s.kind}/${s.kind === "ServiceAccount" ? (s.namespace ?? "") : ""}/${s.name}`;
}

/** cluster-admin exists on every cluster; manifests that bind it rarely ship it. */
const BUILTIN_FALLBACK: Record<string, Rule[]> = {
  "cluster-admin": [
    { verbs: ["*"], apiGroups: ["*"], resources: ["*"], resourceNames: [], nonResourceURLs: [] },
    { verbs: ["*"], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: ["*"] },
  ],
};

const BUILTIN_CLUSTER_ROLES = new Set(["cluster-admin", "admin", "edit", "view"]);

/** Roles Kubernetes ships (or bootstraps): shared by design, never narrowed by a fix. */
export function isBuiltinRole(ref: ResourceRef, object?: KObject): boolean {
  if (ref.kind === "ClusterRole" && (BUILTIN_CLUSTER_ROLES.has(ref.name) || ref.name.startsWith("system:")))
    return true;
  return object?.metadata.labels["kubernetes.io/bootstrapping"] === "rbac-defaults";
}

function ownRules(obj: KObject): SourcedRule[] {
  const from = refOf(obj);
  return normalizeRules(obj.rules).map((rule, index) => ({ rule, from, index }));
}

function aggregationSelectors(obj: KObject): Selector[] | undefined {
  const agg = obj.aggregationRule;
  if (typeof agg !== "object" || agg === null) return undefined;
  return Array.isArray(agg.clusterRoleSelectors) ? agg.clusterRoleSelectors.map(parseSelector) : [];
}

export function resolveRoles(store: Store): Map<string, ResolvedRole> {
  const roles = new Map<string, ResolvedRole>();
  for (const obj of store.list("Role")) {
    roles.set(roleKey("Role", obj.metadata.namespace, obj.metadata.name), {
      ref: refOf(obj),
      object: obj,
      rules: ownRules(obj),
      aggregated: false,
    });
  }
  const clusterRoles = store.list("ClusterRole");
  const byName = new Map(clusterRoles.map((o) => [o.metadata.name, o]));
  const done = new Map<string, SourcedRule[]>();
  // Aggregation may nest (an aggregated role selected by another): resolve depth-first, cycle-safe.
  const rulesOf = (obj: KObject, visiting: Set<string>): SourcedRule[] => {
    const name = obj.metadata.name;
    const cached = done.get(name);
    if (cached) return cached;
    const selectors = aggregationSelectors(obj);
    const rules = ownRules(obj);
    if (selectors && !visiting.has(name)) {
      visiting.add(name);
      for (const other of clusterRoles) {
        if (other.metadata.name === name) continue;
        if (!selectors.some((s) => matches(s, other.metadata.labels))) continue;
        rules.push(...rulesOf(other, visiting));
      }
      visiting.delete(name);
    }
    const unique = dedupeRules(rules);
    if (!visiting.size) done.set(name, unique);
    return unique;
  };
  for (const obj of clusterRoles) {
    roles.set(roleKey("ClusterRole", undefined, obj.metadata.name), {
      ref: refOf(obj),
      object: obj,
      rules: rulesOf(obj, new Set()),
      aggregated: aggregationSelectors(obj) !== undefined,
    });
  }
  for (const [name, rules] of Object.entries(BUILTIN_FALLBACK)) {
    if (byName.has(name)) continue;
    const ref: ResourceRef = { apiVersion: RBAC_API, kind: "ClusterRole", name };
    roles.set(roleKey("ClusterRole", undefined, name), {
      ref,
      object: undefined,
      rules: rules.map((rule, index) => ({ rule, from: ref, index })),
      aggregated: false,
    });
  }
  return roles;
}

function dedupeRules(rules: SourcedRule[]): SourcedRule[] {
  const seen = new Set<string>();
  return rules.filter((r) => {
    const key = `${r.from.kind}/${r.from.name}/${r.index}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const SA_USER = /^system:serviceaccount:([^:]+):([^:]+)$/;

/** A binding subject as a SubjectRef; undefined when it names nothing usable. */
export function subjectOf(raw: unknown, bindingNs: string | undefined): SubjectRef | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const s = raw as Record<string, unknown>;
  if (typeof s.name !== "string" || !s.name) return undefined;
  if (s.kind === "ServiceAccount") {
    const ns = typeof s.namespace === "string" && s.namespace ? s.namespace : bindingNs;
    return ns ? { kind: "ServiceAccount", namespace: ns, name: s.name } : undefined;
  }
  if (s.kind === "User") {
    // The API server authenticates a service account as this user name: the same identity.
    const m = SA_USER.exec(s.name);
    if (m) return { kind: "ServiceAccount", namespace: m[1]!, name: m[2]! };
    return { kind: "User", name: s.name };
  }
  if (s.kind === "Group") return { kind: "Group", name: s.name };
  return undefined;
}

export function resolve(store: Store): Resolution {
  const roles = resolveRoles(store);
  const grants: Grant[] = [];
  const dangling: DanglingBinding[] = [];
  const subjectsPerBinding = new Map<string, number>();
  const bindingsPerRole = new Map<string, number>();
  for (const kind of ["RoleBinding", "ClusterRoleBinding"] as const) {
    for (const b of store.list(kind)) {
      const ref = b.roleRef;
      if (typeof ref !== "object" || ref === null || typeof ref.name !== "string") continue;
      const ns = kind === "RoleBinding" ? b.metadata.namespace : undefined;
      // A ClusterRoleBinding may only reference a ClusterRole; a RoleBinding a Role in its namespace or a ClusterRole.
      if (ref.kind !== "ClusterRole" && (ref.kind !== "Role" || kind !== "RoleBinding")) continue;
      if (kind === "RoleBinding" && !ns) continue;
      const rk = roleKey(ref.kind, ns, ref.name);
      const bindingRef = refOf(b);
      const role = roles.get(rk);
      bindingsPerRole.set(rk, (bindingsPerRole.get(rk) ?? 0) + 1);
      const subjects = (Array.isArray(b.subjects) ? b.subjects : [])
        .map((s: unknown) => subjectOf(s, ns))
        .filter((s: SubjectRef | undefined): s is SubjectRef => s !== undefined);
      subjectsPerBinding.set(`${kind}/${ns ?? ""}/${b.metadata.name}`, subjects.length);
      if (!role) {
        const roleRef: ResourceRef = { apiVersion: RBAC_API, kind: ref.kind, name: ref.name };
        if (ref.kind === "Role" && ns) roleRef.namespace = ns;
        dangling.push({ binding: bindingRef, role: roleRef });
        continue;
      }
      const scope = ns ?? "cluster";
      for (const subject of subjects) {
        for (const r of role.rules) {
          grants.push({
            subject,
            binding: bindingRef,
            role: role.ref,
            rule: r.rule,
            ruleFrom: r.from,
            ruleIndex: r.index,
            scope,
          });
        }
      }
    }
  }
  return { roles, grants, dangling, subjectsPerBinding, bindingsPerRole };
}

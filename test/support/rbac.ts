// Builders for RBAC test fixtures (raw objects as the API server lists them).
type Json = Record<string, unknown>;

const API = "rbac.authorization.k8s.io/v1";

export function mkRole(ns: string | undefined, name: string, rules: Json[], extra: Json = {}): Json {
  const kind = ns ? "Role" : "ClusterRole";
  const { labels, ...rest } = extra;
  return {
    apiVersion: API,
    kind,
    metadata: { name, ...(ns ? { namespace: ns } : {}), uid: `${kind}-${ns ?? ""}-${name}`, labels: labels ?? {} },
    rules,
    ...rest,
  };
}

export function mkBinding(
  ns: string | undefined,
  name: string,
  roleRef: { kind: "Role" | "ClusterRole"; name: string },
  subjects: Json[],
): Json {
  const kind = ns ? "RoleBinding" : "ClusterRoleBinding";
  return {
    apiVersion: API,
    kind,
    metadata: { name, ...(ns ? { namespace: ns } : {}), uid: `${kind}-${ns ?? ""}-${name}` },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", ...roleRef },
    subjects,
  };
}

export const saS = (namespace: string, name: string): Json => ({ kind: "ServiceAccount", namespace, name });
export const userS = (name: string): Json => ({ kind: "User", apiGroup: "rbac.authorization.k8s.io", name });
export const groupS = (name: string): Json => ({ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name });

export function rule(verbs: string[], resources: string[], apiGroups: string[] = [""], extra: Json = {}): Json {
  return { apiGroups, resources, verbs, ...extra };
}

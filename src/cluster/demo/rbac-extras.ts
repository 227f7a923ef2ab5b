// RBAC objects the demo needs beyond those in cluster.ts, so the Permissive RBAC
// panel shows each risky class: a partial wildcard, a dangling binding, and a
// kube-system controller account (reported at info: expected for components).

import type { Json } from "../../util/record.js";
import { binding, role, sa, saSubject } from "./build.js";

export function rbacExtras(): Json[] {
  return [
    sa("monitoring", "grafana"),
    // "Every verb on configmaps" also grants every verb added later (e.g. deletecollection).
    role("Role", "monitoring", "dashboards-admin", [{ apiGroups: [""], resources: ["configmaps"], verbs: ["*"] }]),
    binding("RoleBinding", "monitoring", "grafana-dashboards", { kind: "Role", name: "dashboards-admin" }, [
      saSubject("monitoring", "grafana"),
    ]),
    // The release-manager Role was deleted; its binding was not.
    binding("RoleBinding", "ci", "release-manager", { kind: "Role", name: "release-manager" }, [
      { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "jane@example.com" },
    ]),
    sa("kube-system", "replicaset-controller"),
    role("ClusterRole", undefined, "system:controller:replicaset-controller", [
      { apiGroups: [""], resources: ["pods"], verbs: ["create", "delete", "list", "patch", "update", "watch"] },
    ]),
    binding(
      "ClusterRoleBinding",
      undefined,
      "system:controller:replicaset-controller",
      { kind: "ClusterRole", name: "system:controller:replicaset-controller" },
      [saSubject("kube-system", "replicaset-controller")],
    ),
  ];
}

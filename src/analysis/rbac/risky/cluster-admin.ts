// `*` verbs on `*` resources in `*` groups: cluster-admin bound cluster-wide, namespace
// admin (every secret, every pod, every role) through a RoleBinding.
import { rbacFix } from "../fix.js";
import { isFullWildcard } from "../rules.js";
import { GOOD_PRACTICES, type RiskyCheck } from "./check.js";

export const clusterAdmin: RiskyCheck = {
  meta: {
    id: "rbac.cluster-admin",
    // Under it every other risk is implied: one finding says it.
    impliesAll: true,
    title: "Cluster-admin equivalent",
    severity: "critical",
    panel: "rbac",
    description:
      "The subject is granted `*` verbs on `*` resources in `*` API groups: cluster-admin when bound by a ClusterRoleBinding (critical), full control of the namespace through a RoleBinding (high). Every other risky permission is implied and not reported separately.",
    remediation:
      "Bind a role that lists the verbs and resources the subject needs; keep cluster-admin for break-glass humans.",
    references: ["CIS 5.1.1", `${GOOD_PRACTICES}: least privilege`],
  },
  namespaced: "high",
  ruleRisky: isFullWildcard,
  evidence: (_s, grants) => grants.filter((g) => isFullWildcard(g.rule)),
  what: (scope) => (scope === "cluster" ? "is cluster-admin" : `has every permission in namespace ${scope}`),
  fix: rbacFix,
};

// escalate and bind lift the API server's escalation check: grant yourself anything.
import { rbacFix } from "../fix.js";
import { GOOD_PRACTICES, ruleCheck } from "./check.js";

export const escalateBind = ruleCheck({
  meta: {
    id: "rbac.escalate-bind",
    title: "Can escalate or bind roles",
    severity: "critical",
    panel: "rbac",
    description:
      "escalate or bind on roles or clusterroles: the subject can write roles with permissions it does not hold, or bind itself to any role (cluster-admin included). Critical cluster-wide, high in a namespace (any ClusterRole can still be bound there).",
    remediation: "Remove escalate and bind; role authors need create/update on roles only for permissions they hold.",
    references: ["CIS 5.1.8", `${GOOD_PRACTICES}: escalate verb`, `${GOOD_PRACTICES}: bind verb`],
  },
  namespaced: "high",
  probes: [
    {
      verbs: ["escalate", "bind"],
      groups: ["rbac.authorization.k8s.io"],
      resources: ["roles", "clusterroles"],
      anyName: true,
    },
  ],
  what: (scope) => `can escalate or bind roles ${scope === "cluster" ? "cluster-wide" : `in ${scope}`}`,
  fix: rbacFix,
});

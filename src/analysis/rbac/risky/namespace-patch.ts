// Relabelling a namespace switches Pod Security admission off (and changes which
// NetworkPolicies select it).
import { rbacFix } from "../fix.js";
import { GOOD_PRACTICES, ruleCheck } from "./check.js";

export const namespacePatch = ruleCheck({
  meta: {
    id: "rbac.namespace-patch",
    title: "Can modify namespaces",
    severity: "high",
    panel: "rbac",
    description:
      "update or patch on namespaces: the subject can change a namespace's pod-security.kubernetes.io labels (and so run privileged pods) and the labels NetworkPolicies select on. High cluster-wide, medium through a RoleBinding (its own namespace only).",
    remediation: "Remove the rule; namespace labels belong to the cluster administrators.",
    references: [`${GOOD_PRACTICES}: namespace modification`],
  },
  namespaced: "medium",
  probes: [{ verbs: ["update", "patch"], groups: [""], resources: ["namespaces"], anyName: true }],
  what: (scope) => (scope === "cluster" ? "can relabel every namespace" : `can relabel namespace ${scope}`),
  fix: rbacFix,
});

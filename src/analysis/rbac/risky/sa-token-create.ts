// serviceaccounts/token create mints tokens for any service account in scope.
import { rbacFix } from "../fix.js";
import { GOOD_PRACTICES, ruleCheck } from "./check.js";

export const saTokenCreate = ruleCheck({
  meta: {
    id: "rbac.sa-token-create",
    title: "Can mint service-account tokens",
    severity: "high",
    panel: "rbac",
    description:
      "create on serviceaccounts/token: the subject can issue tokens for service accounts and so act with their permissions. High cluster-wide, medium in a namespace.",
    remediation: "Remove the rule; workloads get their own token through the projected volume.",
    references: ["CIS 5.1.13", `${GOOD_PRACTICES}: token request`],
  },
  namespaced: "medium",
  probes: [{ verbs: ["create"], groups: [""], resources: ["serviceaccounts/token"], anyName: true }],
  what: (scope) => `can mint service-account tokens ${scope === "cluster" ? "in every namespace" : `in ${scope}`}`,
  fix: rbacFix,
});

// get/list/watch on secrets without resourceNames: list and watch return the values too.
import { rbacFix } from "../fix.js";
import { GOOD_PRACTICES, ruleCheck } from "./check.js";

export const secretsRead = ruleCheck({
  meta: {
    id: "rbac.secrets-read",
    title: "Can read all secrets",
    severity: "high",
    panel: "rbac",
    description:
      "get, list or watch on secrets, not limited by resourceNames: every secret value (including service-account tokens of other accounts) is readable; list and watch return the values as well. High cluster-wide, medium in a namespace. A `get` limited to named secrets is not reported.",
    remediation:
      "Mount the one secret the workload needs, or limit the rule with resourceNames; drop list and watch on secrets.",
    references: ["CIS 5.1.2", `${GOOD_PRACTICES}: listing secrets`],
  },
  namespaced: "medium",
  probes: [{ verbs: ["get", "list", "watch"], groups: [""], resources: ["secrets"] }],
  what: (scope) => (scope === "cluster" ? "can read every Secret in the cluster" : `can read every Secret in ${scope}`),
  fix: rbacFix,
});

// impersonate: act as another user, group or service account (system:masters included).
import { rbacFix } from "../fix.js";
import { GOOD_PRACTICES, ruleCheck } from "./check.js";

export const impersonate = ruleCheck({
  meta: {
    id: "rbac.impersonate",
    title: "Can impersonate",
    severity: "critical",
    panel: "rbac",
    description:
      "impersonate on users, groups, serviceaccounts, uids or userextras: the subject can send requests as any of them, up to system:masters. Critical cluster-wide, high in a namespace (service accounts of that namespace).",
    remediation: "Remove impersonate, or limit it with resourceNames to a low-privileged identity.",
    references: ["CIS 5.1.8", `${GOOD_PRACTICES}: impersonate verb`],
  },
  namespaced: "high",
  probes: [
    { verbs: ["impersonate"], groups: [""], resources: ["users", "groups", "serviceaccounts"], anyName: true },
    { verbs: ["impersonate"], groups: ["authentication.k8s.io"], resources: ["uids", "userextras/*"], anyName: true },
  ],
  what: (scope) => `can impersonate other identities ${scope === "cluster" ? "" : `in ${scope}`}`.trimEnd(),
  fix: rbacFix,
});

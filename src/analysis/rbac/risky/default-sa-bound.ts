// Every pod that names no service account runs as `default`: a role bound to it
// is handed to every such pod of the namespace.
import { rbacFix } from "../fix.js";
import { isTrivialRule } from "./anonymous-binding.js";
import type { RiskyCheck } from "./check.js";

export const defaultSaBound: RiskyCheck = {
  meta: {
    id: "rbac.default-sa-bound",
    // The binding itself is the risk (who it reaches): fixed by unbinding, not inherited through groups.
    bindingLevel: true,
    title: "Default service account has a role",
    severity: "medium",
    panel: "rbac",
    description:
      "The namespace's `default` service account is bound to a role: every pod that does not name a service account gets those permissions.",
    remediation: "Create a dedicated service account for the workload that needs the role; leave `default` unbound.",
    references: ["CIS 5.1.5", "Kubernetes docs: configure service accounts for pods"],
  },
  namespaced: "medium",
  evidence: (subject, grants) =>
    subject.kind === "ServiceAccount" && subject.name === "default" ? grants.filter((g) => !isTrivialRule(g.rule)) : [],
  what: (scope) => `is bound to a role ${scope === "cluster" ? "cluster-wide" : `in ${scope}`}`,
  fix: rbacFix,
};

// A binding whose role does not exist grants nothing today, and everything the
// role will hold once someone creates a role of that name.
import type { CheckDef } from "../../engine.js";
import { rbacFix } from "../fix.js";

export const missingRole: CheckDef = {
  meta: {
    id: "rbac.binding-missing-role",
    title: "Binding to a missing role",
    severity: "low",
    panel: "rbac",
    description:
      "A RoleBinding or ClusterRoleBinding references a Role or ClusterRole that does not exist: it grants nothing now, but whoever can create a role of that name grants its subjects whatever it holds. Built-in ClusterRoles (admin, edit, view, system:*) absent from a manifest set are not reported.",
    remediation: "Delete the binding, or create the role it was meant for.",
    references: ["Kubernetes docs: Using RBAC authorization"],
  },
  fix: rbacFix,
};

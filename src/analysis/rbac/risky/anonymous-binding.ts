// Grants to system:anonymous, system:unauthenticated or system:authenticated reach
// everyone who can talk to the API server (or hold any token).

import type { Severity } from "../../finding.js";
import type { SubjectRef } from "../../models.js";
import { rbacFix } from "../fix.js";
import type { Grant } from "../resolve.js";
import type { Rule } from "../rules.js";
import { GOOD_PRACTICES, type RiskyCheck } from "./check.js";

export const EVERYONE = new Set(["system:anonymous", "system:unauthenticated", "system:authenticated"]);

const SELF_REVIEWS = new Set(["selfsubjectaccessreviews", "selfsubjectrulesreviews", "selfsubjectreviews"]);

/** What Kubernetes grants everyone by default: discovery URLs and self-reviews. */
export function isTrivialRule(rule: Rule): boolean {
  if (!rule.resources.length) return rule.verbs.every((v) => v === "get" || v === "head");
  return rule.verbs.every((v) => v === "create") && rule.resources.every((r) => SELF_REVIEWS.has(r));
}

const READ_VERBS = new Set(["get", "list", "watch", "head"]);

/**
 * What a binding to everyone is worth: critical when it hands out a permission of the
 * risky catalogue; high when it lets everyone write, or lets anyone without credentials
 * read; medium when every authenticated user may only read (e.g. ConfigMaps).
 */
export function everyoneSeverity(
  subject: SubjectRef,
  evidence: readonly Grant[],
  riskyGrant: (grant: Grant) => boolean,
): Severity {
  if (evidence.some(riskyGrant)) return "critical";
  if (evidence.some((g) => g.rule.verbs.some((v) => !READ_VERBS.has(v)))) return "high";
  return subject.name === "system:authenticated" ? "medium" : "high";
}

export const anonymousBinding: RiskyCheck = {
  meta: {
    id: "rbac.anonymous-binding",
    // The binding itself is the risk (who it reaches): fixed by unbinding, not inherited through groups.
    bindingLevel: true,
    title: "Permissions granted to everyone",
    severity: "critical",
    panel: "rbac",
    description:
      "A binding grants more than discovery to system:anonymous, system:unauthenticated (anyone who reaches the API server) or system:authenticated (every user and every service account token). The default discovery and self-review grants are not reported. Critical when what it grants is itself in the risky catalogue (reading Secrets, creating pods, …); high when everyone may write, or anyone without credentials may read; medium when every authenticated user may only read.",
    remediation: "Delete the binding, or bind the role to the specific users, groups or service accounts that need it.",
    references: ["CIS 5.1.1", `${GOOD_PRACTICES}: hardening (system:unauthenticated bindings)`],
  },
  namespaced: "critical",
  evidence: (subject, grants) =>
    subject.kind !== "ServiceAccount" && EVERYONE.has(subject.name)
      ? grants.filter((g: Grant) => !isTrivialRule(g.rule))
      : [],
  severityOf: everyoneSeverity,
  what: () => "grants permissions to everyone",
  fix: rbacFix,
};

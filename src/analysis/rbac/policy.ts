// Which subjects the panel reports, and how severity is ranked (README: "Permissive
// RBAC panel"):
// - Users and Groups named system:* are Kubernetes components (system:masters,
//   system:kube-controller-manager, system:nodes, ...): powerful by design, not
//   reported. The groups that reach everyone (system:anonymous,
//   system:unauthenticated, system:authenticated) and all service accounts
//   (system:serviceaccounts[:ns]) are reported.
// - Service accounts in kube-system run the cluster's own controllers: reported at info.
// - A service account whose token is mounted into running pods ranks one step higher.
import { SEVERITIES, type Severity, severityRank } from "../finding.js";
import type { SubjectRef } from "../models.js";
import { EVERYONE } from "./risky/anonymous-binding.js";

export function isBuiltinSubject(s: SubjectRef): boolean {
  if (s.kind === "ServiceAccount" || !s.name.startsWith("system:")) return false;
  if (EVERYONE.has(s.name)) return false;
  return !(s.kind === "Group" && (s.name === "system:serviceaccounts" || s.name.startsWith("system:serviceaccounts:")));
}

export function isSystemServiceAccount(s: SubjectRef): boolean {
  return s.kind === "ServiceAccount" && s.namespace === "kube-system";
}

export function raise(s: Severity): Severity {
  return SEVERITIES[Math.max(0, SEVERITIES.indexOf(s) - 1)]!;
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) <= severityRank(b) ? a : b;
}

// How much damage a subject's credentials can do, from the RBAC model: ranks
// mounted tokens and legacy token Secrets, and feeds the attack-path correlation.

import { type ResourceRef, refKey } from "../../cluster/objects.js";
import { type Severity, severityRank } from "../finding.js";
import { type AccessQuery, type RbacModel, type SubjectRef, safeCall } from "../models.js";

export interface Power {
  level: Extract<Severity, "critical" | "high" | "medium">;
  /** Short phrases, most dangerous first, e.g. "read secrets in every namespace". */
  reasons: string[];
  readsAllSecrets: boolean;
  /** Can create pods (in its namespace or anywhere): node-level risk. */
  createsPods: boolean;
  /** The RBAC engine's risky check ids for the subject. */
  riskyChecks: string[];
  /** Bindings that grant the probed accesses (directly or through the subject's groups). */
  bindings: ResourceRef[];
}

const RBAC = "rbac.authorization.k8s.io";

interface Probe {
  query: (ns: string) => AccessQuery;
  reason: string;
  level: Power["level"];
  secrets?: "all";
  pods?: boolean;
}

const PROBES: readonly Probe[] = [
  {
    query: () => ({ verb: "list", resource: "secrets", apiGroup: "" }),
    reason: "list secrets in every namespace",
    level: "critical",
    secrets: "all",
  },
  {
    query: () => ({ verb: "get", resource: "secrets", apiGroup: "" }),
    reason: "read secrets in every namespace",
    level: "critical",
    secrets: "all",
  },
  {
    query: () => ({ verb: "create", resource: "pods", apiGroup: "" }),
    reason: "create pods in every namespace",
    level: "critical",
    pods: true,
  },
  {
    query: () => ({ verb: "escalate", resource: "clusterroles", apiGroup: RBAC }),
    reason: "escalate cluster roles",
    level: "critical",
  },
  {
    query: () => ({ verb: "bind", resource: "clusterroles", apiGroup: RBAC }),
    reason: "bind cluster roles",
    level: "critical",
  },
  {
    query: () => ({ verb: "impersonate", resource: "users", apiGroup: "" }),
    reason: "impersonate users",
    level: "critical",
  },
  {
    query: (ns) => ({ verb: "get", resource: "secrets", apiGroup: "", namespace: ns }),
    reason: "read secrets in its namespace",
    level: "high",
  },
  {
    query: (ns) => ({ verb: "create", resource: "pods", apiGroup: "", namespace: ns }),
    reason: "create pods in its namespace",
    level: "high",
    pods: true,
  },
  {
    query: (ns) => ({ verb: "create", resource: "pods", subresource: "exec", apiGroup: "", namespace: ns }),
    reason: "exec into pods",
    level: "high",
  },
  {
    query: (ns) => ({ verb: "create", resource: "serviceaccounts", subresource: "token", apiGroup: "", namespace: ns }),
    reason: "mint service-account tokens",
    level: "high",
  },
];

/** Groups every service account is in: what they can do, a stolen token adds nothing to. */
const EVERYONE: readonly SubjectRef[] = [
  { kind: "Group", name: "system:authenticated" },
  { kind: "Group", name: "system:serviceaccounts" },
];

/**
 * The subject's power, or undefined when the RBAC model says it has nothing risky.
 * Only what the subject has beyond every authenticated client counts: when all
 * users may read secrets, that is path.anonymous-risky's finding, and ranking every
 * token critical for it would hide the tokens that really add power.
 */
export function powerOf(rbac: RbacModel | undefined, subject: SubjectRef, namespace: string): Power | undefined {
  if (!rbac) return undefined;
  // A function of the model, the subject and the namespace; the rbac engine keeps its model
  // while RBAC objects are unchanged, so this holds across pod events (treat the result as read-only).
  let memo = powers.get(rbac);
  if (!memo) powers.set(rbac, (memo = new Map()));
  const key = `${refKey(subject)}|${namespace}`;
  if (memo.has(key)) return memo.get(key);
  const power = computePower(rbac, subject, namespace);
  memo.set(key, power);
  return power;
}

const powers = new WeakMap<RbacModel, Map<string, Power | undefined>>();

function computePower(rbac: RbacModel, subject: SubjectRef, namespace: string): Power | undefined {
  const baseline = EVERYONE.filter((g) => !(g.kind === subject.kind && g.name === subject.name));
  const everyoneCan = (q: AccessQuery) => baseline.some((g) => safeCall(() => rbac.can(g, q), false));
  const shared = new Set(baseline.flatMap((g) => safeCall(() => rbac.riskyChecksOf(g), [])));
  const riskyChecks = safeCall(() => rbac.riskyChecksOf(subject), []).filter((c) => !shared.has(c));
  const reasons: string[] = [];
  let level: Power["level"] | undefined = riskyChecks.length ? "medium" : undefined;
  let readsAllSecrets = false;
  let createsPods = false;
  const bindings: ResourceRef[] = [];
  for (const p of PROBES) {
    const query = p.query(namespace);
    if (!safeCall(() => rbac.can(subject, query), false) || everyoneCan(query)) continue;
    for (const path of safeCall(() => rbac.whoCan(query), []))
      if (appliesTo(path.subject, subject) && !bindings.some((b) => refKey(b) === refKey(path.binding)))
        bindings.push(path.binding);
    // "read secrets in its namespace" adds nothing once it can read them everywhere.
    if (p.level === "high" && p.reason.includes("secrets") && readsAllSecrets) continue;
    if (p.level === "high" && p.pods && createsPods) continue;
    if (!reasons.includes(p.reason) && !(p.secrets === "all" && readsAllSecrets)) reasons.push(p.reason);
    if (p.secrets === "all") readsAllSecrets = true;
    if (p.pods) createsPods = true;
    if (!level || severityRank(p.level) < severityRank(level)) level = p.level;
  }
  if (!level) return undefined;
  if (reasons.length === 0) reasons.push(`do what ${riskyChecks.join(", ")} flags`);
  return { level, reasons, readsAllSecrets, createsPods, riskyChecks, bindings };
}

/** Does a binding subject cover `who` (itself, or a group every service account / user is in)? */
function appliesTo(bound: SubjectRef, who: SubjectRef): boolean {
  if (bound.kind === who.kind && bound.name === who.name && (bound.namespace ?? "") === (who.namespace ?? ""))
    return true;
  if (bound.kind !== "Group") return false;
  if (who.kind === "ServiceAccount")
    return ["system:serviceaccounts", `system:serviceaccounts:${who.namespace}`, "system:authenticated"].includes(
      bound.name,
    );
  return who.kind === "User" && who.name !== "system:anonymous" && bound.name === "system:authenticated";
}

export function subjectLabel(s: SubjectRef): string {
  return s.kind === "ServiceAccount" ? `ServiceAccount ${s.namespace ?? "?"}/${s.name}` : `${s.kind} ${s.name}`;
}

// The shape of a risky-permission check: which grants of a subject are evidence
// of the risk, at which severity for a cluster-wide or a namespaced grant.
import type { CheckDef, FixContext, FixFragment } from "../../engine.js";
import type { CheckMeta, Finding, Severity } from "../../finding.js";
import type { SubjectRef } from "../../models.js";
import type { Grant } from "../resolve.js";
import { groupMatches, type Rule, resourceEntryMatches } from "../rules.js";

export interface RiskyCheck extends CheckDef {
  meta: CheckMeta;
  /** Severity of a grant inside one namespace (meta.severity is the cluster-wide one). */
  namespaced: Severity;
  /** Grants of `subject` that carry the risk (the subject's own grants, not its groups'). */
  evidence(subject: SubjectRef, grants: readonly Grant[]): Grant[];
  /** For rule checks: is this rule (alone) risky? Used to narrow a role in a fix. */
  ruleRisky?(rule: Rule): boolean;
  /**
   * Severity from what the evidence grants, for checks whose risk depends on it (a binding
   * to everyone); `riskyGrant` says whether a grant is evidence of a rule check of the
   * catalogue. Default: meta.severity cluster-wide, `namespaced` in a namespace.
   */
  severityOf?(subject: SubjectRef, evidence: readonly Grant[], riskyGrant: (grant: Grant) => boolean): Severity;
  /** What the subject can do, for the message: "can read every Secret". */
  what(scope: string): string;
}

export const GOOD_PRACTICES = "Kubernetes RBAC good practices";

/** A request shape a rule may allow: any of `verbs` on any of `resources` in any of `groups`. */
export interface Probe {
  verbs: readonly string[] | "any";
  groups: readonly string[];
  resources: readonly string[];
  /** resourceNames do not make the rule safe (e.g. bind limited to cluster-admin is still bind). */
  anyName?: boolean;
}

export function ruleMatchesProbe(rule: Rule, p: Probe): boolean {
  if (!p.anyName && rule.resourceNames.length) return false;
  if (p.verbs === "any" ? rule.verbs.length === 0 : !rule.verbs.some((v) => v === "*" || p.verbs.includes(v)))
    return false;
  if (!p.groups.some((g) => groupMatches(rule, g))) return false;
  return p.resources.some((res) => rule.resources.some((r) => probeResourceMatches(r, res)));
}

/** A probe "userextras/*" stands for every subresource: any rule resource under it matches. */
function probeResourceMatches(ruleResource: string, probe: string): boolean {
  if (!probe.endsWith("/*")) return resourceEntryMatches(ruleResource, probe);
  return ruleResource === "*" || ruleResource.startsWith(probe.slice(0, -1));
}

export function severityFor(check: RiskyCheck, scope: string): Severity {
  return scope === "cluster" ? check.meta.severity : check.namespaced;
}

/** A check flagged by rules that match any of `probes`. */
export function ruleCheck(def: {
  meta: CheckMeta;
  namespaced: Severity;
  probes: readonly Probe[];
  /** The resources are cluster-scoped: a RoleBinding grants nothing there. */
  clusterOnly?: boolean;
  what(scope: string): string;
  fix?(finding: Finding, ctx: FixContext): FixFragment | undefined;
}): RiskyCheck {
  const ruleRisky = (rule: Rule) => def.probes.some((p) => ruleMatchesProbe(rule, p));
  const check: RiskyCheck = {
    meta: def.meta,
    namespaced: def.namespaced,
    ruleRisky,
    what: def.what,
    evidence: (_subject, grants) =>
      grants.filter((g) => (!def.clusterOnly || g.scope === "cluster") && ruleRisky(g.rule)),
  };
  if (def.fix) check.fix = def.fix;
  return check;
}

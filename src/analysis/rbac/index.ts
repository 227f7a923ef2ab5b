// Permissive RBAC panel: resolve every binding to its rules, index them for
// who-can, and report each subject's risky permissions — one finding per
// (subject, check), naming the binding → role → rule path.
import { type KObject, type ResourceRef, refKey, uniqueRefs, WORKLOAD_KINDS } from "../../cluster/objects.js";
import { sameObjects } from "../../store/store.js";
import type { CheckDef, Engine, EngineOutput, SubjectSummary } from "../engine.js";
import { type Finding, makeFinding, type Severity, severityRank } from "../finding.js";
import type { SubjectRef } from "../models.js";
import { type FixRecord, RbacState } from "./model.js";
import { isBuiltinSubject, isSystemServiceAccount, maxSeverity, raise } from "./policy.js";
import { type Grant, isBuiltinRole, RBAC_API, type Resolution, resolve, roleKey, subjectKey } from "./resolve.js";
import type { RiskyCheck } from "./risky/check.js";
import { severityFor } from "./risky/check.js";
import { clusterAdmin } from "./risky/cluster-admin.js";
import { BINDING_CHECKS, riskyChecks } from "./risky/index.js";
import { missingRole } from "./risky/missing-role.js";
import { formatRule, isFullWildcard, type Rule } from "./rules.js";
import { tokenUsers } from "./sa-users.js";
import { AccessIndex } from "./who-can.js";

export const rbacChecks: readonly CheckDef[] = [...riskyChecks, missingRole];

/** A rule that any narrowable check flags (binding-level checks are fixed by unbinding). */
const ruleRisky = (rule: Rule) =>
  riskyChecks.some((c) => !BINDING_CHECKS.has(c.meta.id) && c.ruleRisky !== undefined && c.ruleRisky(rule));

function subjectResource(s: SubjectRef): ResourceRef {
  if (s.kind === "ServiceAccount")
    return { apiVersion: "v1", kind: "ServiceAccount", namespace: s.namespace!, name: s.name };
  return { apiVersion: RBAC_API, kind: s.kind, name: s.name };
}

function label(ref: ResourceRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ""}${ref.name}`;
}

function pathText(g: Grant): string {
  const via = g.ruleFrom.name !== g.role.name ? ` (aggregated from ${g.ruleFrom.name})` : "";
  return `${label(g.binding)} → ${label(g.role)}${via}: ${formatRule(g.rule)}`;
}

/** Cluster-wide and more severe grants first, then by binding name, for a stable primary path. */
function rankEvidence(check: RiskyCheck, grants: Grant[]): Grant[] {
  const sev = (g: Grant) => severityRank(severityFor(check, g.scope));
  return [...grants].sort(
    (a, b) => sev(a) - sev(b) || refKey(a.binding).localeCompare(refKey(b.binding)) || a.ruleIndex - b.ruleIndex,
  );
}

function fixRecord(check: RiskyCheck, g: Grant, res: Resolution): FixRecord {
  const role = res.roles.get(roleKey(g.role.kind, g.role.namespace, g.role.name));
  const alsoBinds = res.subjectsPerBinding.get(refKey(g.binding)) ?? 1;
  const own =
    !BINDING_CHECKS.has(check.meta.id) &&
    role?.object !== undefined &&
    !role.aggregated &&
    !isBuiltinRole(role.ref, role.object) &&
    g.ruleFrom.name === g.role.name &&
    (res.bindingsPerRole.get(roleKey(g.role.kind, g.role.namespace, g.role.name)) ?? 0) === 1 &&
    alsoBinds === 1;
  const reason = BINDING_CHECKS.has(check.meta.id)
    ? "the binding itself is the risk"
    : role?.object === undefined
      ? "the role is not in the loaded objects"
      : isBuiltinRole(role.ref, role.object)
        ? "the role is built in and shared by design: it is not narrowed"
        : role.aggregated || g.ruleFrom.name !== g.role.name
          ? "the rule comes from ClusterRole aggregation: narrowing one role would change others"
          : "the role is shared with other bindings or subjects: it is not narrowed";
  return {
    mode: own ? "narrow" : "unbind",
    binding: g.binding,
    role: g.role,
    roleObject: role?.object,
    alsoBinds,
    reason,
  };
}

const RESOLVE_KINDS = ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"];

export function rbacEngine(): Engine {
  // Resolution, index and model depend on the RBAC objects only; pods change just the
  // findings' "token in use" wording. Reusing them on a pod event also keeps the model
  // object the same, so engines reading it can cache by its identity.
  let cache: { lists: KObject[][]; res: Resolution; index: AccessIndex; model: RbacState } | undefined;
  return {
    name: "rbac",
    checks: rbacChecks,
    inputs: [
      "Role",
      "ClusterRole",
      "RoleBinding",
      "ClusterRoleBinding",
      "ServiceAccount",
      "Namespace",
      ...WORKLOAD_KINDS,
    ],
    run(ctx): EngineOutput {
      const lists = RESOLVE_KINDS.map((k) => ctx.store.list(k));
      const prev = cache && lists.every((l, i) => sameObjects(l, cache!.lists[i]!)) ? cache : undefined;
      const res = prev?.res ?? resolve(ctx.store);
      const index = prev?.index ?? new AccessIndex(res.grants);
      const findings: Finding[] = [];
      const subjects: SubjectSummary[] = [];
      const checksBySubject = new Map<string, Set<string>>();
      const fixes = new Map<string, FixRecord>();

      for (const subject of index.subjects()) {
        const grants = index.grantsOf(subject);
        const all = new Set<string>();
        checksBySubject.set(subjectKey(subject), all);
        const reported: string[] = [];
        const builtin = isBuiltinSubject(subject);
        let users: ResourceRef[] | undefined;
        for (const check of riskyChecks) {
          const evidence = check.evidence(subject, grants);
          if (!evidence.length) continue;
          all.add(check.meta.id);
          // Under cluster-admin every other risk is implied: one finding says it.
          const direct =
            check === clusterAdmin || BINDING_CHECKS.has(check.meta.id)
              ? evidence
              : evidence.filter((g) => !isFullWildcard(g.rule));
          if (!direct.length || builtin) continue;
          const ranked = rankEvidence(check, direct);
          const primary = ranked[0]!;
          let severity: Severity = severityFor(check, primary.scope);
          for (const g of ranked) severity = maxSeverity(severity, severityFor(check, g.scope));
          let usedBy = "";
          if (subject.kind === "ServiceAccount") {
            users ??= tokenUsers(ctx.store, subject.namespace ?? "", subject.name);
            if (users.length) {
              severity = raise(severity);
              usedBy = `; its token is in ${users.length} running workload(s), e.g. ${label(users[0]!)}`;
            }
            if (isSystemServiceAccount(subject)) {
              severity = "info";
              usedBy += " (kube-system service account: expected for cluster components, review only)";
            }
          }
          const paths = new Set(ranked.map((g) => `${refKey(g.binding)}|${refKey(g.role)}`)).size;
          const more = paths > 1 ? ` (+${paths - 1} more path(s))` : "";
          const finding = makeFinding({
            meta: check.meta,
            resource: subjectResource(subject),
            severity,
            message: `${check.what(primary.scope)} via ${pathText(primary)}${more}${usedBy}`,
            related: uniqueRefs([
              ...ranked.flatMap((g) =>
                g.ruleFrom.name !== g.role.name ? [g.binding, g.role, g.ruleFrom] : [g.binding, g.role],
              ),
              ...(users ?? []).slice(0, 10),
            ]),
          });
          const rec = fixRecord(check, primary, res);
          // kube-system controllers need their grants: no fix is offered for them, only the review.
          if (!isSystemServiceAccount(subject))
            finding.fix =
              rec.mode === "narrow" ? { target: rec.role, type: "manifest" } : { target: rec.binding, type: "none" };
          if (finding.fix) fixes.set(finding.id, rec);
          findings.push(finding);
          reported.push(check.meta.id);
        }
        if (reported.length) {
          const s: SubjectSummary = { kind: subject.kind, name: subject.name, checks: reported };
          if (subject.namespace) s.namespace = subject.namespace;
          subjects.push(s);
        }
      }

      for (const d of res.dangling) {
        if (isBuiltinRole(d.role)) continue;
        const f = makeFinding({
          meta: missingRole.meta,
          resource: d.binding,
          message: `references ${label(d.role)}, which does not exist: it grants nothing until someone creates it`,
          related: [d.role],
          fix: { target: d.binding, type: "none" },
        });
        fixes.set(f.id, {
          mode: "unbind",
          binding: d.binding,
          role: d.role,
          roleObject: undefined,
          alsoBinds: res.subjectsPerBinding.get(refKey(d.binding)) ?? 1,
          reason: "the role it references does not exist",
        });
        findings.push(f);
      }

      // checksBySubject and fixes are functions of the resolution alone: an unchanged one gives the same model.
      const model = prev?.model ?? new RbacState(index, checksBySubject, fixes, ruleRisky);
      cache = { lists, res, index, model };
      return { findings, subjects, model };
    },
  };
}

// Permissive RBAC panel: resolve every binding to its rules, index them for
// who-can, and report each subject's risky permissions — one finding per
// (subject, check), naming the binding → role → rule path.
import { refLabel as label, type ResourceRef, refKey, uniqueRefs, WORKLOAD_KINDS } from "../../cluster/objects.js";
import type { Store } from "../../store/store.js";
import type { CheckDef, Engine, EngineOutput, SubjectSummary } from "../engine.js";
import { type Finding, makeFinding, type Severity, severityRank } from "../finding.js";
import type { SubjectRef } from "../models.js";
import { CLUSTER_PART, type EnginePart, namespaceStamp, PartCache, partitionedOutput } from "../parts.js";
import { type FixRecord, RbacState } from "./model.js";
import { isBuiltinSubject, isSystemServiceAccount, maxSeverity, raise } from "./policy.js";
import { type Grant, isBuiltinRole, RBAC_API, type Resolution, resolve, roleKey, subjectKey } from "./resolve.js";
import type { RiskyCheck } from "./risky/check.js";
import { severityFor } from "./risky/check.js";
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
    // Narrowing removes the rules ruleRisky flags: a check without one is fixed by unbinding.
    check.ruleRisky !== undefined &&
    role?.object !== undefined &&
    !role.aggregated &&
    !isBuiltinRole(role.ref, role.object) &&
    g.ruleFrom.name === g.role.name &&
    (res.bindingsPerRole.get(roleKey(g.role.kind, g.role.namespace, g.role.name)) ?? 0) === 1 &&
    alsoBinds === 1;
  const reason = BINDING_CHECKS.has(check.meta.id)
    ? "the binding itself is the risk"
    : check.ruleRisky === undefined
      ? "what it grants is risky only in the binding's namespace: the binding goes, the role stays"
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

/** What one subject contributes: findings (with their fix records) and its summary. */
interface SubjectResult {
  findings: Finding[];
  fixes: [string, FixRecord][];
  summary: SubjectSummary | undefined;
  checks: Set<string>;
}

function analyzeSubject(subject: SubjectRef, index: AccessIndex, res: Resolution, store: Store): SubjectResult {
  const grants = index.grantsOf(subject);
  const all = new Set<string>();
  const findings: Finding[] = [];
  const fixes: [string, FixRecord][] = [];
  const reported: string[] = [];
  const builtin = isBuiltinSubject(subject);
  let users: ResourceRef[] | undefined;
  for (const check of riskyChecks) {
    const evidence = check.evidence(subject, grants);
    if (!evidence.length) continue;
    all.add(check.meta.id);
    // Under cluster-admin every other risk is implied: one finding says it.
    const direct =
      check.meta.impliesAll || BINDING_CHECKS.has(check.meta.id)
        ? evidence
        : evidence.filter((g) => !isFullWildcard(g.rule));
    if (!direct.length || builtin) continue;
    const ranked = rankEvidence(check, direct);
    const primary = ranked[0]!;
    let severity: Severity = severityFor(check, primary.scope);
    for (const g of ranked) severity = maxSeverity(severity, severityFor(check, g.scope));
    if (check.severityOf)
      severity = check.severityOf(subject, ranked, (g) =>
        riskyChecks.some((c) => !BINDING_CHECKS.has(c.meta.id) && c.evidence(subject, [g]).length > 0),
      );
    let usedBy = "";
    if (subject.kind === "ServiceAccount") {
      users ??= tokenUsers(store, subject.namespace ?? "", subject.name);
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
    if (finding.fix) fixes.push([finding.id, rec]);
    findings.push(finding);
    reported.push(check.meta.id);
  }
  let summary: SubjectSummary | undefined;
  if (reported.length) {
    summary = { kind: subject.kind, name: subject.name, checks: reported };
    if (subject.namespace) summary.namespace = subject.namespace;
  }
  return { findings, fixes, summary, checks: all };
}

/** Findings on bindings whose role does not exist. */
function danglingFindings(res: Resolution, fixes: Map<string, FixRecord>): Finding[] {
  const findings: Finding[] = [];
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
  return findings;
}

/** Part of ServiceAccounts without a namespace: their token users are the objects without one. */
const NO_NAMESPACE = "\u0000no-namespace";

/** Part key of a subject: a ServiceAccount's namespace (its token users live there), else the cluster part. */
function subjectPart(s: SubjectRef): string {
  if (s.kind !== "ServiceAccount") return CLUSTER_PART;
  return s.namespace ? s.namespace : NO_NAMESPACE;
}

/** What a ServiceAccount part reads changes with this stamp. */
function partStamp(store: Store, key: string): unknown {
  return key === NO_NAMESPACE ? store.namespaceVersion("") : namespaceStamp(store, key);
}

/** Everything that depends on the RBAC objects alone, kept while they are unchanged. */
interface Resolved {
  versions: number[];
  res: Resolution;
  index: AccessIndex;
  model: RbacState;
  subjects: SubjectSummary[];
  /** Subjects by part key, in index order, and the keys. */
  byPart: Map<string, SubjectRef[]>;
  partKeys: string[];
  /** The cluster part (User/Group subjects and dangling bindings): no pod changes it. */
  clusterPart: EnginePart;
  parts: PartCache<EnginePart>;
}

function resolveAll(store: Store, versions: number[]): Resolved {
  const res = resolve(store);
  const index = new AccessIndex(res.grants);
  const subjects: SubjectSummary[] = [];
  const checksBySubject = new Map<string, Set<string>>();
  const fixes = new Map<string, FixRecord>();
  const byPart = new Map<string, SubjectRef[]>();
  const partFindings = new Map<string, Finding[]>();
  const clusterFindings: Finding[] = [];
  for (const subject of index.subjects()) {
    const r = analyzeSubject(subject, index, res, store);
    checksBySubject.set(subjectKey(subject), r.checks);
    for (const [id, rec] of r.fixes) fixes.set(id, rec);
    if (r.summary) subjects.push(r.summary);
    const key = subjectPart(subject);
    if (key === CLUSTER_PART) for (const f of r.findings) clusterFindings.push(f);
    else {
      let list = byPart.get(key);
      if (!list) byPart.set(key, (list = []));
      list.push(subject);
      let found = partFindings.get(key);
      if (!found) partFindings.set(key, (found = []));
      for (const f of r.findings) found.push(f);
    }
  }
  for (const f of danglingFindings(res, fixes)) clusterFindings.push(f);
  // checksBySubject and fixes are functions of the resolution alone: pod events keep the model.
  const model = new RbacState(index, checksBySubject, fixes, ruleRisky);
  // The service-account parts were just computed with the subjects: seed them.
  const parts = new PartCache<EnginePart>();
  const partKeys = [...byPart.keys()];
  parts.update(
    partKeys,
    (key) => partStamp(store, key),
    (key) => ({ findings: partFindings.get(key) ?? [] }),
  );
  return {
    versions,
    res,
    index,
    model,
    subjects,
    byPart,
    partKeys,
    clusterPart: { findings: clusterFindings },
    parts,
  };
}

export function rbacEngine(): Engine {
  // Resolution, index and model depend on the RBAC objects only; pods change just the
  // findings' "token in use" wording of service accounts in their namespace. Reusing
  // them on a pod event also keeps the model object the same, so engines reading it
  // can cache by its identity.
  let cache: Resolved | undefined;
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
    // Pods only change the wording ("token in use"); the verdicts come from these.
    reads: ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ServiceAccount"],
    run(ctx): EngineOutput {
      const { store } = ctx;
      const versions = RESOLVE_KINDS.map((k) => store.kindVersion(k));
      if (!cache || !versions.every((v, i) => v === cache!.versions[i])) cache = resolveAll(store, versions);
      const c = cache;
      // A ServiceAccount's findings read the pods and the account of its namespace (tokenUsers).
      const parts = c.parts.update(
        c.partKeys,
        (key) => partStamp(store, key),
        (key) => {
          const findings: Finding[] = [];
          for (const subject of c.byPart.get(key) ?? [])
            for (const f of analyzeSubject(subject, c.index, c.res, store).findings) findings.push(f);
          return { findings };
        },
      );
      parts.set(CLUSTER_PART, c.clusterPart);
      return partitionedOutput(parts, { model: c.model, subjects: c.subjects });
    },
  };
}

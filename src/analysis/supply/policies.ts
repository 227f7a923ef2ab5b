// Which signature-verification policies cover a workload's image, and in which
// mode, read as each engine applies them:
//  - Kyverno ClusterPolicy / Policy: rules with verifyImages; a rule applies where
//    its match (any/all/resources: kinds, namespaces, namespaceSelector, names,
//    selector) holds and its exclude does not; an image is verified when it
//    matches imageReferences and no skipImageReferences. Mode: the verifyImages
//    entry's failureAction, else validationFailureActionOverrides for the
//    namespace, else spec.validationFailureAction, else Audit. Rules on Pods also
//    cover their controllers (Kyverno autogen), and a Policy only its namespace.
//  - Kyverno ImageValidatingPolicy: matchImageReferences globs (none = every
//    image; CEL expressions cannot be evaluated here and are not counted),
//    matchConstraints namespaceSelector and resourceRules; enforcing when
//    validationActions has Deny.
//  - sigstore ClusterImagePolicy: spec.images[].glob, only in namespaces labelled
//    policy.sigstore.dev/include: "true"; enforcing unless mode is warn.
import type { KObject, ResourceRef } from "../../cluster/objects.js";
import { refOf } from "../../cluster/objects.js";
import { cachedOwnerTop } from "../../store/owner.js";
import { isRecord } from "../../util/record.js";
import { type Labels, matches, parseSelector } from "../network/selectors.js";
import type { Workload } from "../workloads.js";
import { imageForms, kyvernoPattern, matchesAny, sigstorePattern } from "./glob.js";
import type { SupplyModel } from "./model.js";

export interface Coverage {
  enforce: ResourceRef[];
  audit: ResourceRef[];
  /** ImageValidatingPolicies whose CEL image expressions could not be evaluated. */
  unknown: ResourceRef[];
}

interface Subject {
  namespace: string;
  nsLabels: Labels;
  /** Kinds a rule may name to reach this workload: its own, Pod, and its top controller's. */
  kinds: Set<string>;
  names: string[];
  podLabels: Labels;
  forms: string[];
}

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strs = (v: unknown): string[] => arr(v).filter((s): s is string => typeof s === "string");

function kindMatches(kinds: string[], s: Subject): boolean {
  return kinds.some((k) => {
    const kind = k.includes("/") ? k.slice(k.lastIndexOf("/") + 1) : k;
    return kind === "*" || s.kinds.has(kind);
  });
}

/** One Kyverno ResourceDescription against the workload; absent fields do not constrain. */
function resourcesMatch(r: unknown, s: Subject): boolean {
  if (!isRecord(r)) return false;
  const kinds = strs(r.kinds);
  if (!kinds.length || !kindMatches(kinds, s)) return false;
  const namespaces = strs(r.namespaces);
  if (namespaces.length && !namespaces.some((n) => kyvernoPattern(n).test(s.namespace))) return false;
  if (r.namespaceSelector && !matches(parseSelector(r.namespaceSelector), s.nsLabels)) return false;
  const names = strs(r.names);
  if (names.length && !names.some((n) => s.names.some((x) => kyvernoPattern(n).test(x)))) return false;
  if (r.selector && !matches(parseSelector(r.selector), s.podLabels)) return false;
  return true;
}

function filterMatches(m: unknown, s: Subject, emptyResult: boolean): boolean {
  if (!isRecord(m)) return emptyResult;
  const any = arr(m.any).filter(isRecord);
  const all = arr(m.all).filter(isRecord);
  if (any.length) return any.some((f) => resourcesMatch(f.resources, s));
  if (all.length) return all.every((f) => resourcesMatch(f.resources, s));
  if (isRecord(m.resources)) return resourcesMatch(m.resources, s);
  return emptyResult;
}

function kyvernoAction(policy: KObject, failureAction: unknown, s: Subject): "enforce" | "audit" {
  const norm = (v: unknown) => (typeof v === "string" && v.toLowerCase() === "enforce" ? "enforce" : "audit");
  if (typeof failureAction === "string") return norm(failureAction);
  const spec = isRecord(policy.spec) ? policy.spec : {};
  for (const o of arr(spec.validationFailureActionOverrides).filter(isRecord)) {
    const inNs = strs(o.namespaces).some((n) => kyvernoPattern(n).test(s.namespace));
    const bySel = o.namespaceSelector ? matches(parseSelector(o.namespaceSelector), s.nsLabels) : false;
    if (inNs || bySel) return norm(o.action);
  }
  return norm(spec.validationFailureAction);
}

function kyvernoCoverage(policy: KObject, s: Subject, out: Coverage): void {
  if (policy.kind === "Policy" && policy.metadata.namespace !== s.namespace) return;
  const spec = isRecord(policy.spec) ? policy.spec : {};
  let mode: "enforce" | "audit" | undefined;
  for (const rule of arr(spec.rules).filter(isRecord)) {
    if (!filterMatches(rule.match, s, false) || filterMatches(rule.exclude, s, false)) continue;
    for (const vi of arr(rule.verifyImages).filter(isRecord)) {
      const refs = strs(vi.imageReferences);
      if (!refs.some((p) => matchesAny(kyvernoPattern(p), s.forms))) continue;
      if (strs(vi.skipImageReferences).some((p) => matchesAny(kyvernoPattern(p), s.forms))) continue;
      const m = kyvernoAction(policy, vi.failureAction, s);
      if (m === "enforce" || !mode) mode = m;
    }
  }
  if (mode) out[mode].push(refOf(policy));
}

const PLURALS: Record<string, string> = {
  Pod: "pods",
  Deployment: "deployments",
  StatefulSet: "statefulsets",
  DaemonSet: "daemonsets",
  ReplicaSet: "replicasets",
  ReplicationController: "replicationcontrollers",
  Job: "jobs",
  CronJob: "cronjobs",
};

function imageValidatingCoverage(policy: KObject, s: Subject, out: Coverage): void {
  const spec = isRecord(policy.spec) ? policy.spec : {};
  const mc = isRecord(spec.matchConstraints) ? spec.matchConstraints : undefined;
  if (mc?.namespaceSelector && !matches(parseSelector(mc.namespaceSelector), s.nsLabels)) return;
  if (mc) {
    const plurals = new Set([...s.kinds].map((k) => PLURALS[k]).filter(Boolean));
    const hit = (rules: unknown) =>
      arr(rules)
        .filter(isRecord)
        .some((r) => strs(r.resources).some((res) => res === "*" || plurals.has(res.split("/")[0]!)));
    if (Array.isArray(mc.resourceRules) && !hit(mc.resourceRules)) return;
    if (hit(mc.excludeResourceRules)) return;
  }
  const refs = arr(spec.matchImageReferences).filter(isRecord);
  const globs = refs.flatMap((r) => (typeof r.glob === "string" ? [r.glob] : []));
  const hasExpr = refs.some((r) => typeof r.expression === "string");
  const matched = refs.length === 0 || globs.some((g) => matchesAny(kyvernoPattern(g), s.forms));
  if (!matched) {
    if (hasExpr) out.unknown.push(refOf(policy));
    return;
  }
  const actions = strs(spec.validationActions);
  out[actions.includes("Deny") ? "enforce" : "audit"].push(refOf(policy));
}

function sigstoreCoverage(policy: KObject, s: Subject, out: Coverage): void {
  if (s.nsLabels["policy.sigstore.dev/include"] !== "true") return;
  const spec = isRecord(policy.spec) ? policy.spec : {};
  const globs = arr(spec.images)
    .filter(isRecord)
    .flatMap((i) => (typeof i.glob === "string" ? [i.glob] : []));
  if (!globs.some((g) => matchesAny(sigstorePattern(g), s.forms))) return;
  out[spec.mode === "warn" ? "audit" : "enforce"].push(refOf(policy));
}

/** The policies that verify `image` of workload `w`, by mode. */
export function coverageOf(model: SupplyModel, w: Workload, image: string): Coverage {
  const top = cachedOwnerTop(model.store, w.object).top;
  const s: Subject = {
    namespace: w.namespace,
    nsLabels: model.namespaceLabels(w.namespace),
    kinds: new Set([w.object.kind, "Pod", top.kind]),
    names: [...new Set([w.ref.name, top.name])],
    podLabels: w.podLabels,
    forms: imageForms(image),
  };
  const out: Coverage = { enforce: [], audit: [], unknown: [] };
  for (const p of model.policies) {
    if (p.kind === "ClusterPolicy" || p.kind === "Policy") kyvernoCoverage(p, s, out);
    else if (p.kind === "ImageValidatingPolicy") imageValidatingCoverage(p, s, out);
    else if (p.kind === "ClusterImagePolicy") sigstoreCoverage(p, s, out);
  }
  return out;
}

// The supply-chain model: vulnerability and exposed-secret reports (trivy-operator
// objects, trivy/grype files) indexed by image digest, exact reference and — for
// trivy-operator — the workload they were made for, climbed to the controller the
// user edits (a report on ReplicaSet web-7d9 is about Deployment web). A workload
// container finds its report by digest first (the pod's running image, or a
// pinned spec), then by exact reference, then by owner.
import { type KObject, POD_TEMPLATE_PATHS, type ResourceRef, refOf } from "../../cluster/objects.js";
import type { SlimReport, SlimSecretFinding, SlimVulnerability } from "../../cluster/project-supply.js";
import type { ScannedImage } from "../../cluster/scanner-files.js";
import { cachedOwnerTop } from "../../store/owner.js";
import type { Store } from "../../store/store.js";
import { digestOf } from "../../util/digest.js";
import { isRecord } from "../../util/record.js";
import type { Severity } from "../finding.js";
import { type ImageEntry, imagesOf } from "../images/containers.js";
import { type ImageRef, parseImage } from "../images/reference.js";
import { type Workload, workloadOf } from "../workloads.js";

export const REPORT_KINDS = ["VulnerabilityReport", "ExposedSecretReport"] as const;
export const POLICY_KINDS = ["ClusterPolicy", "Policy", "ImageValidatingPolicy", "ClusterImagePolicy"] as const;

export const TRIVY_LABELS = {
  kind: "trivy-operator.resource.kind",
  name: "trivy-operator.resource.name",
  namespace: "trivy-operator.resource.namespace",
  container: "trivy-operator.container.name",
} as const;

export interface ScanReport {
  object: KObject;
  ref: ResourceRef;
  /** The image as the report names it (registry/repository:tag or the file's reference). */
  image: string;
  digests: readonly string[];
  vulnerabilities: readonly SlimVulnerability[];
  secrets: readonly SlimSecretFinding[];
  summary: Readonly<Record<string, number>>;
}

export type MatchedBy = "digest" | "reference" | "owner";

export interface ReportMatch {
  report: ScanReport;
  by: MatchedBy;
}

/** A malformed report or policy object: named with the field (scan lists these as problems). */
export interface SupplyProblem {
  where: string;
  message: string;
}

const SCANNER_SEVERITY: Record<string, Severity> = {
  CRITICAL: "critical",
  HIGH: "high",
  MEDIUM: "medium",
  LOW: "low",
  UNKNOWN: "info",
};

export function severityOfVuln(s: string): Severity {
  return SCANNER_SEVERITY[s] ?? "info";
}

/** registry/repository:tag (tag "latest" when absent); undefined when the reference names only a digest. */
export function referenceKey(ref: ImageRef): string | undefined {
  if (!ref.tag && ref.digest) return undefined;
  return `${ref.registry}/${ref.repository}:${ref.tag ?? "latest"}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, v: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(v)) list.push(v);
  } else map.set(key, [v]);
}

function reportImage(obj: KObject): { image: string; refs: string[]; digests: string[] } {
  const scanned = obj.scanned as ScannedImage | undefined;
  if (scanned) {
    const refs = scanned.references.flatMap((r) => {
      const p = parseImage(r);
      const k = p && referenceKey(p);
      return k ? [k] : [];
    });
    const digests = [
      ...scanned.digests,
      ...scanned.references.flatMap((r) => (r.includes("@") ? (digestOf(r) ?? []) : [])),
    ];
    return { image: scanned.references[0] ?? scanned.file, refs, digests: [...new Set(digests)] };
  }
  const report = obj.report as SlimReport | undefined;
  const a = report?.artifact ?? {};
  const server = report?.registry?.server || "docker.io";
  const digests = a.digest ? [digestOf(a.digest) ?? a.digest] : [];
  if (!a.repository) return { image: obj.metadata.name, refs: [], digests };
  const parsed = parseImage(`${server}/${a.repository}${a.tag ? `:${a.tag}` : ""}`);
  const key = parsed && referenceKey(parsed);
  return { image: `${server}/${a.repository}${a.tag ? `:${a.tag}` : ""}`, refs: key ? [key] : [], digests };
}

/** The digest a workload container runs: pinned in the spec, or (Pods) reported in status. */
export function runningDigest(w: Workload, entry: ImageEntry): string | undefined {
  if (entry.ref.digest) return entry.ref.digest;
  if (w.object.kind !== "Pod") return undefined;
  const ids = isRecord(w.object.status) ? w.object.status.imageIDs : undefined;
  const id = isRecord(ids) ? ids[entry.name] : undefined;
  return typeof id === "string" ? digestOf(id) : undefined;
}

/** The key images are grouped by: the digest when known, else the exact reference. */
export function imageKey(w: Workload, entry: ImageEntry): string {
  return runningDigest(w, entry) ?? referenceKey(entry.ref) ?? entry.image;
}

const SEVERITY_ORDER = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"];

/** Worst first: severity, then with a fix before without, then score, then id. */
export function compareVulns(a: SlimVulnerability, b: SlimVulnerability): number {
  return (
    SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
    Number(!a.fixedVersion) - Number(!b.fixedVersion) ||
    (b.score ?? 0) - (a.score ?? 0) ||
    (a.vulnerabilityID < b.vulnerabilityID ? -1 : a.vulnerabilityID > b.vulnerabilityID ? 1 : 0) ||
    (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0)
  );
}

const sortedVulns = new WeakMap<ScanReport, SlimVulnerability[]>();

/** The report's vulnerabilities, one per (id, package), worst first (memoised). */
export function vulnsWorstFirst(r: ScanReport): readonly SlimVulnerability[] {
  let list = sortedVulns.get(r);
  if (!list) {
    const seen = new Set<string>();
    list = [...r.vulnerabilities].sort(compareVulns).filter((v) => {
      const k = `${v.vulnerabilityID}\0${v.resource}\0${v.installedVersion}`;
      return !seen.has(k) && !!seen.add(k);
    });
    sortedVulns.set(r, list);
  }
  return list;
}

class ReportIndex {
  readonly byDigest = new Map<string, ScanReport[]>();
  readonly byRef = new Map<string, ScanReport[]>();
  readonly byOwner = new Map<string, ScanReport[]>();
  readonly all: ScanReport[] = [];

  lookup(store: Store, w: Workload, entry: ImageEntry): ReportMatch | undefined {
    const digest = runningDigest(w, entry);
    const d = digest && this.byDigest.get(digest)?.[0];
    if (d) return { report: d, by: "digest" };
    const key = referenceKey(entry.ref);
    const r = key && this.byRef.get(key)?.[0];
    if (r) return { report: r, by: "reference" };
    const top = cachedOwnerTop(store, w.object).top;
    const o = this.byOwner.get(ownerKey(top.kind, w.namespace, top.name, entry.name));
    return o?.length ? { report: o[0]!, by: "owner" } : undefined;
  }
}

function ownerKey(kind: string, namespace: string, name: string, container: string): string {
  return `${kind}/${namespace}/${name}/${container}`;
}

function indexReport(store: Store, obj: KObject, index: ReportIndex, problems: SupplyProblem[]): void {
  const where = `${obj.kind} ${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ""}${obj.metadata.name}`;
  for (const field of (obj.malformed as string[] | undefined) ?? [])
    problems.push({ where: `${where}: ${field}`, message: "missing or malformed: not read" });
  const report = obj.report as SlimReport | undefined;
  if (!report) return;
  const { image, refs, digests } = reportImage(obj);
  const scan: ScanReport = {
    object: obj,
    ref: refOf(obj),
    image,
    digests,
    vulnerabilities: report.vulnerabilities ?? [],
    secrets: report.secrets ?? [],
    summary: report.summary ?? {},
  };
  index.all.push(scan);
  for (const d of digests) push(index.byDigest, d, scan);
  for (const r of refs) push(index.byRef, r, scan);
  const l = obj.metadata.labels;
  const kind = l[TRIVY_LABELS.kind];
  const name = l[TRIVY_LABELS.name];
  const container = l[TRIVY_LABELS.container];
  const ns = l[TRIVY_LABELS.namespace] ?? obj.metadata.namespace;
  if (kind && name && container && ns) {
    // Climb from the scanned object (often a ReplicaSet) to the controller the user edits.
    const scanned = store.getByName(kind, ns, name);
    const top = scanned ? cachedOwnerTop(store, scanned).top : { kind, name };
    push(index.byOwner, ownerKey(top.kind, ns, top.name, container), scan);
  }
}

export class SupplyModel {
  readonly vulns = new ReportIndex();
  readonly secrets = new ReportIndex();
  readonly problems: SupplyProblem[] = [];
  readonly policies: readonly KObject[];

  constructor(readonly store: Store) {
    for (const obj of store.list("VulnerabilityReport")) indexReport(store, obj, this.vulns, this.problems);
    for (const obj of store.list("ExposedSecretReport")) indexReport(store, obj, this.secrets, this.problems);
    const policies: KObject[] = [];
    for (const kind of POLICY_KINDS)
      for (const obj of store.list(kind)) {
        policies.push(obj);
        for (const field of (obj.malformed as string[] | undefined) ?? [])
          this.problems.push({
            where: `${kind} ${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ""}${obj.metadata.name}: ${field}`,
            message: "missing or malformed: not read",
          });
      }
    this.policies = policies;
  }

  /** A vulnerability source is present: image.scan-missing may speak. */
  get hasVulnSource(): boolean {
    return this.vulns.all.length > 0;
  }

  /** A signature policy is in view: image.unverified may speak. */
  get hasPolicySource(): boolean {
    return this.policies.length > 0;
  }

  vulnerabilityReport(w: Workload, entry: ImageEntry): ReportMatch | undefined {
    return this.vulns.lookup(this.store, w, entry);
  }

  secretReport(w: Workload, entry: ImageEntry): ReportMatch | undefined {
    return this.secrets.lookup(this.store, w, entry);
  }

  namespaceLabels(namespace: string): Readonly<Record<string, string>> {
    return this.store.getByName("Namespace", undefined, namespace)?.metadata.labels ?? {};
  }
}

/** What the model was built from: it is rebuilt when one of these moves. */
export function modelStamp(store: Store): string {
  return [...REPORT_KINDS, ...POLICY_KINDS, "Namespace", "ReplicaSet", "Job"]
    .map((k) => store.kindVersion(k))
    .join(",");
}

/**
 * Problems to list beside the findings: malformed report and policy objects, and
 * scanner files (--vulns) whose image no workload runs (a wrong file, or a stale one).
 */
export function supplyProblems(models: ReadonlyMap<string, unknown>): SupplyProblem[] {
  const model = models.get("supply");
  if (!(model instanceof SupplyModel)) return [];
  const out = [...model.problems];
  const files = [...model.vulns.all, ...model.secrets.all].filter((r) => r.object.scanned);
  if (!files.length) return out;
  const used = new Set<ScanReport>();
  for (const kind of Object.keys(POD_TEMPLATE_PATHS))
    for (const obj of model.store.list(kind)) {
      const w = workloadOf(obj);
      if (!w) continue;
      for (const i of imagesOf(w)) {
        const v = model.vulnerabilityReport(w, i);
        if (v) used.add(v.report);
        const s = model.secretReport(w, i);
        if (s) used.add(s.report);
      }
    }
  const named = new Set<string>();
  for (const r of files) {
    const file = (r.object.scanned as ScannedImage).file;
    if (used.has(r) || named.has(file)) continue;
    named.add(file);
    out.push({ where: file, message: `the report (image ${r.image}) matches no image of the workloads: not used` });
  }
  return out;
}

/**
 * Where a finding's evidence is. A pod matched by its running digest to another report
 * than its controller's template would be (the tag moved) points at its status, so it is
 * not folded into the controller's finding; otherwise the container's image field.
 */
export function evidencePath(
  model: SupplyModel,
  w: Workload,
  entry: ImageEntry,
  match: ReportMatch,
  lookup: (m: SupplyModel, w: Workload, e: ImageEntry) => ReportMatch | undefined,
): string {
  const spec = `${entry.path}.image`;
  if (match.by !== "digest" || entry.ref.digest || w.object.kind !== "Pod") return spec;
  const top = cachedOwnerTop(model.store, w.object).topObject;
  const tw = top && top !== w.object ? workloadOf(top) : undefined;
  if (!tw) return spec;
  const same = imagesOf(tw).find((e) => e.name === entry.name);
  if (same && lookup(model, tw, same)?.report === match.report) return spec;
  return `status.containerStatuses[${entry.name}].imageID`;
}

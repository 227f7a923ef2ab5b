// Scanner reports from files (--vulns FILE): `trivy image --format json` and
// `grype -o json`, told apart by shape, turned into the same slim objects the
// live source projects from trivy-operator (VulnerabilityReport, and for trivy's
// secret scanner an ExposedSecretReport), so one analysis reads both. The image a
// report is about is kept as `scanned`: the references and digests it names.
// kubeward never pulls an image nor downloads vulnerability data: it reads these.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { digestOf } from "../util/digest.js";
import { isRecord } from "../util/record.js";
import type { KObject } from "./objects.js";
import { type SlimSecretFinding, type SlimVulnerability, severityOf } from "./project-supply.js";
import type { Source, SourceEvent, SourceInfo, SourceProblem } from "./source.js";

const REPORTS_API = "aquasecurity.github.io/v1alpha1";

/** What image a file report scanned: as the scanner names it. */
export interface ScannedImage {
  file: string;
  format: "trivy" | "grype";
  references: string[];
  /** Repo digests, e.g. sha256:…, from RepoDigests / manifestDigest. */
  digests: string[];
}

export interface LoadedScans {
  objects: KObject[];
  problems: SourceProblem[];
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : []);

function summaryOf(items: readonly { severity: string }[]): Record<string, number> {
  const s = { criticalCount: 0, highCount: 0, mediumCount: 0, lowCount: 0, unknownCount: 0 };
  for (const v of items) {
    const k = `${v.severity.toLowerCase()}Count` as keyof typeof s;
    if (k in s) s[k]++;
  }
  return s;
}

function reportObject(
  kind: "VulnerabilityReport" | "ExposedSecretReport",
  scanned: ScannedImage,
  list: SlimVulnerability[] | SlimSecretFinding[],
): KObject {
  const name = basename(scanned.file);
  return {
    apiVersion: REPORTS_API,
    kind,
    metadata: {
      name,
      uid: `file:${kind}:${scanned.file}`,
      labels: {},
      annotations: {},
      ownerReferences: [],
    },
    report: {
      artifact: {},
      summary: summaryOf(list),
      ...(kind === "VulnerabilityReport" ? { vulnerabilities: list } : { secrets: list }),
    },
    scanned,
  };
}

function scoreOf(cvss: unknown): number | undefined {
  // trivy: CVSS: { nvd: { V3Score }, redhat: {...} }; the highest v3 score it names.
  if (!isRecord(cvss)) return undefined;
  let best: number | undefined;
  for (const v of Object.values(cvss))
    if (isRecord(v) && typeof v.V3Score === "number") best = Math.max(best ?? 0, v.V3Score);
  return best;
}

function parseTrivy(doc: Record<string, unknown>, file: string, into: LoadedScans): void {
  const where = (field: string) => ({ where: `${file}: ${field}`, message: "" });
  const meta = isRecord(doc.Metadata) ? doc.Metadata : {};
  const scanned: ScannedImage = {
    file,
    format: "trivy",
    references: [...new Set([str(doc.ArtifactName), ...strs(meta.RepoTags)].filter((s): s is string => !!s))],
    digests: [...new Set(strs(meta.RepoDigests).flatMap((d) => digestOf(d) ?? []))],
  };
  const vulns: SlimVulnerability[] = [];
  const secrets: SlimSecretFinding[] = [];
  if (doc.Results !== undefined && !Array.isArray(doc.Results)) {
    into.problems.push({ ...where("Results"), message: "is not a list: the report was not read" });
    return;
  }
  const results = Array.isArray(doc.Results) ? doc.Results : [];
  results.forEach((r, i) => {
    if (!isRecord(r)) {
      into.problems.push({ ...where(`Results[${i}]`), message: "is not an object" });
      return;
    }
    const list = (field: string): unknown[] => {
      if (r[field] === undefined || r[field] === null) return [];
      if (Array.isArray(r[field])) return r[field];
      into.problems.push({ ...where(`Results[${i}].${field}`), message: "is not a list" });
      return [];
    };
    list("Vulnerabilities").forEach((v, j) => {
      const at = `Results[${i}].Vulnerabilities[${j}]`;
      const id = isRecord(v) ? str(v.VulnerabilityID) : undefined;
      const severity = isRecord(v) ? severityOf(v.Severity) : undefined;
      if (!isRecord(v) || !id || !severity) {
        into.problems.push({
          ...where(`${at}${!isRecord(v) ? "" : !id ? ".VulnerabilityID" : ".Severity"}`),
          message: "missing or malformed: entry skipped",
        });
        return;
      }
      const out: SlimVulnerability = {
        vulnerabilityID: id,
        resource: str(v.PkgName) ?? "",
        installedVersion: str(v.InstalledVersion) ?? "",
        fixedVersion: str(v.FixedVersion) ?? "",
        severity,
      };
      const score = scoreOf(v.CVSS);
      if (score !== undefined) out.score = score;
      if (str(v.Title)) out.title = str(v.Title)!;
      if (str(v.PrimaryURL)) out.primaryLink = str(v.PrimaryURL)!;
      vulns.push(out);
    });
    list("Secrets").forEach((s, j) => {
      const at = `Results[${i}].Secrets[${j}]`;
      const rule = isRecord(s) ? str(s.RuleID) : undefined;
      const severity = isRecord(s) ? severityOf(s.Severity) : undefined;
      if (!isRecord(s) || !rule || !severity) {
        into.problems.push({ ...where(at), message: "missing RuleID or Severity: entry skipped" });
        return;
      }
      // Match (the secret text) is never read.
      secrets.push({
        ruleID: rule,
        category: str(s.Category) ?? "",
        severity,
        target: str(r.Target) ?? "",
        title: str(s.Title) ?? "",
      });
    });
  });
  into.objects.push(reportObject("VulnerabilityReport", scanned, vulns));
  if (secrets.length) into.objects.push(reportObject("ExposedSecretReport", scanned, secrets));
}

function parseGrype(doc: Record<string, unknown>, file: string, into: LoadedScans): void {
  const where = (field: string) => `${file}: ${field}`;
  const source = isRecord(doc.source) ? doc.source : {};
  const target = isRecord(source.target) ? source.target : {};
  const scanned: ScannedImage = {
    file,
    format: "grype",
    references: [...new Set([str(target.userInput), ...strs(target.tags)].filter((s): s is string => !!s))],
    digests: [
      ...new Set([...strs(target.repoDigests), str(target.manifestDigest) ?? ""].flatMap((d) => digestOf(d) ?? [])),
    ],
  };
  if (!Array.isArray(doc.matches)) {
    into.problems.push({ where: where("matches"), message: "is not a list: the report was not read" });
    return;
  }
  const vulns: SlimVulnerability[] = [];
  doc.matches.forEach((m, i) => {
    const v = isRecord(m) && isRecord(m.vulnerability) ? m.vulnerability : undefined;
    const a = isRecord(m) && isRecord(m.artifact) ? m.artifact : {};
    const id = v ? str(v.id) : undefined;
    const severity = v ? severityOf(v.severity) : undefined;
    if (!v || !id || !severity) {
      const field = !v ? "vulnerability" : !id ? "vulnerability.id" : "vulnerability.severity";
      into.problems.push({ where: where(`matches[${i}].${field}`), message: "missing or malformed: entry skipped" });
      return;
    }
    const fix = isRecord(v.fix) ? v.fix : {};
    const out: SlimVulnerability = {
      vulnerabilityID: id,
      resource: str(a.name) ?? "",
      installedVersion: str(a.version) ?? "",
      fixedVersion: fix.state === "fixed" ? strs(fix.versions).join(", ") : "",
      severity,
    };
    const scores = (Array.isArray(v.cvss) ? v.cvss : []).flatMap((c) =>
      isRecord(c) && isRecord(c.metrics) && typeof c.metrics.baseScore === "number" ? [c.metrics.baseScore] : [],
    );
    if (scores.length) out.score = Math.max(...scores);
    const link = str(v.dataSource) ?? strs(v.urls)[0];
    if (link) out.primaryLink = link;
    vulns.push(out);
  });
  into.objects.push(reportObject("VulnerabilityReport", scanned, vulns));
}

/** Parses one report's text into `into` (objects and problems); never throws. */
export function parseScannerReport(text: string, file: string, into: LoadedScans): void {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message.split("\n")[0];
    into.problems.push({
      where: file,
      message: `malformed JSON (${msg}${text.trim() && !/[}\]]\s*$/.test(text) ? "; the file looks truncated" : ""}): not read`,
    });
    return;
  }
  if (isRecord(doc) && ("Results" in doc || doc.ArtifactType !== undefined || "SchemaVersion" in doc))
    parseTrivy(doc, file, into);
  else if (isRecord(doc) && "matches" in doc) parseGrype(doc, file, into);
  else
    into.problems.push({
      where: file,
      message: "not a trivy (`trivy image --format json`) nor a grype (`grype -o json`) report: not read",
    });
}

/** Reads every --vulns file (any size: these are not API objects with its 1.5 MiB limit). */
export function loadScannerReports(files: readonly string[]): LoadedScans {
  const into: LoadedScans = { objects: [], problems: [] };
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (err) {
      into.problems.push({
        where: file,
        message: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
      });
      continue;
    }
    parseScannerReport(text, file, into);
  }
  return into;
}

/** A source plus the scanner reports of --vulns files (read once, at start). */
export class WithScannerReports implements Source {
  private loaded: LoadedScans | undefined;
  readonly forContext?: (context: string) => Source;
  readonly contexts?: () => string[];

  constructor(
    readonly inner: Source,
    private readonly files: readonly string[],
  ) {
    if (inner.forContext) this.forContext = (ctx) => new WithScannerReports(inner.forContext!(ctx), files);
    if (inner.contexts) this.contexts = () => inner.contexts!();
  }

  get info(): SourceInfo {
    return this.inner.info;
  }

  get kinds(): readonly string[] {
    return this.inner.kinds;
  }

  async start(emit: (events: SourceEvent[]) => void): Promise<void> {
    this.loaded ??= loadScannerReports(this.files);
    if (this.loaded.objects.length) emit(this.loaded.objects.map((object) => ({ type: "added", object })));
    await this.inner.start(emit);
  }

  stop(): void {
    this.inner.stop();
  }

  problems(): SourceProblem[] {
    return [...(this.loaded?.problems ?? []), ...this.inner.problems()];
  }
}

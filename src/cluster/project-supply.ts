// Projection of the supply-chain kinds (DESIGN §1, §3 "Images"): trivy-operator's
// VulnerabilityReport and ExposedSecretReport keep the counts and the fields the
// detail view shows, never the rest; an exposed secret's `match` (the secret text
// itself) is never kept. Signature policies keep only what decides coverage.
// A field of the wrong shape is named in `malformed` (the rest is kept).
import { isRecord, stringMap } from "../util/record.js";

export const SUPPLY_KINDS: ReadonlySet<string> = new Set([
  "VulnerabilityReport",
  "ExposedSecretReport",
  "ClusterPolicy",
  "Policy",
  "ImageValidatingPolicy",
  "ClusterImagePolicy",
]);

export type VulnSeverity = "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
const SEVERITIES = new Set<string>(["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"]);

export interface SlimVulnerability {
  vulnerabilityID: string;
  resource: string;
  installedVersion: string;
  fixedVersion: string;
  severity: VulnSeverity;
  score?: number;
  title?: string;
  primaryLink?: string;
}

export interface SlimSecretFinding {
  ruleID: string;
  category: string;
  severity: VulnSeverity;
  target: string;
  title: string;
}

export interface SlimArtifact {
  repository?: string;
  tag?: string;
  digest?: string;
}

/** The `report` a projected VulnerabilityReport / ExposedSecretReport keeps. */
export interface SlimReport {
  artifact: SlimArtifact;
  registry?: { server: string };
  summary: Record<string, number>;
  vulnerabilities?: SlimVulnerability[];
  secrets?: SlimSecretFinding[];
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

export function severityOf(v: unknown): VulnSeverity | undefined {
  if (typeof v !== "string") return undefined;
  const s = v.toUpperCase();
  if (s === "NEGLIGIBLE") return "LOW"; // grype's lowest level
  return SEVERITIES.has(s) ? (s as VulnSeverity) : undefined;
}

function artifactOf(v: unknown, malformed: string[]): SlimArtifact {
  if (!isRecord(v)) {
    malformed.push("report.artifact");
    return {};
  }
  const a: SlimArtifact = {};
  for (const k of ["repository", "tag", "digest"] as const) {
    const s = str(v[k]);
    if (s) a[k] = s;
  }
  return a;
}

function summaryOf(v: unknown, malformed: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  if (!isRecord(v)) {
    malformed.push("report.summary");
    return out;
  }
  for (const k of ["criticalCount", "highCount", "mediumCount", "lowCount", "unknownCount"]) {
    const n = v[k];
    if (typeof n === "number" && Number.isFinite(n) && n >= 0) out[k] = n;
  }
  return out;
}

function vulnerabilityOf(v: unknown, at: string, malformed: string[]): SlimVulnerability | undefined {
  if (!isRecord(v)) {
    malformed.push(at);
    return undefined;
  }
  const id = str(v.vulnerabilityID);
  const severity = severityOf(v.severity);
  if (!id || !severity) {
    malformed.push(`${at}.${id ? "severity" : "vulnerabilityID"}`);
    return undefined;
  }
  const out: SlimVulnerability = {
    vulnerabilityID: id,
    resource: str(v.resource) ?? "",
    installedVersion: str(v.installedVersion) ?? "",
    fixedVersion: str(v.fixedVersion) ?? "",
    severity,
  };
  if (typeof v.score === "number" && Number.isFinite(v.score)) out.score = v.score;
  const title = str(v.title);
  if (title) out.title = title;
  const link = str(v.primaryLink);
  if (link) out.primaryLink = link;
  return out;
}

function secretOf(v: unknown, at: string, malformed: string[]): SlimSecretFinding | undefined {
  if (!isRecord(v)) {
    malformed.push(at);
    return undefined;
  }
  const ruleID = str(v.ruleID);
  const severity = severityOf(v.severity);
  if (!ruleID || !severity) {
    malformed.push(`${at}.${ruleID ? "severity" : "ruleID"}`);
    return undefined;
  }
  // `match` (the matched text: the secret itself) is deliberately not read.
  return {
    ruleID,
    category: str(v.category) ?? "",
    severity,
    target: str(v.target) ?? "",
    title: str(v.title) ?? "",
  };
}

function reportOf(kind: string, raw: unknown, malformed: string[]): SlimReport | undefined {
  if (!isRecord(raw)) {
    malformed.push("report");
    return undefined;
  }
  const report: SlimReport = {
    artifact: artifactOf(raw.artifact, malformed),
    summary: summaryOf(raw.summary, malformed),
  };
  if (isRecord(raw.registry) && typeof raw.registry.server === "string")
    report.registry = { server: raw.registry.server };
  const listField = kind === "VulnerabilityReport" ? "vulnerabilities" : "secrets";
  const list = raw[listField];
  if (list !== undefined && list !== null && !Array.isArray(list)) malformed.push(`report.${listField}`);
  const items = Array.isArray(list) ? list : [];
  if (kind === "VulnerabilityReport") {
    report.vulnerabilities = [];
    items.forEach((v, i) => {
      const slim = vulnerabilityOf(v, `report.vulnerabilities[${i}]`, malformed);
      if (slim) report.vulnerabilities!.push(slim);
    });
  } else {
    report.secrets = [];
    items.forEach((v, i) => {
      const slim = secretOf(v, `report.secrets[${i}]`, malformed);
      if (slim) report.secrets!.push(slim);
    });
  }
  return report;
}

const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : undefined;

function selectorOf(v: unknown): Record<string, unknown> | undefined {
  if (!isRecord(v)) return undefined;
  const out: Record<string, unknown> = {};
  if (isRecord(v.matchLabels)) out.matchLabels = stringMap(v.matchLabels);
  if (Array.isArray(v.matchExpressions)) out.matchExpressions = v.matchExpressions.filter(isRecord);
  return out;
}

/** A Kyverno ResourceDescription cut to what decides where a rule applies. */
function resourcesOf(v: unknown): Record<string, unknown> | undefined {
  if (!isRecord(v)) return undefined;
  const out: Record<string, unknown> = {};
  for (const k of ["kinds", "namespaces", "names"] as const) {
    const list = strings(v[k]);
    if (list) out[k] = list;
  }
  if (typeof v.name === "string") out.names = [...((out.names as string[]) ?? []), v.name];
  const ns = selectorOf(v.namespaceSelector);
  if (ns) out.namespaceSelector = ns;
  const sel = selectorOf(v.selector);
  if (sel) out.selector = sel;
  return out;
}

/** Kyverno match/exclude: `any`, `all` (ResourceFilters) or the legacy `resources`. */
function matchOf(v: unknown): Record<string, unknown> | undefined {
  if (!isRecord(v)) return undefined;
  const out: Record<string, unknown> = {};
  for (const k of ["any", "all"] as const)
    if (Array.isArray(v[k])) out[k] = v[k].filter(isRecord).map((f) => ({ resources: resourcesOf(f.resources) ?? {} }));
  const legacy = resourcesOf(v.resources);
  if (legacy) out.resources = legacy;
  return out;
}

function kyvernoSpec(spec: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof spec.validationFailureAction === "string") out.validationFailureAction = spec.validationFailureAction;
  if (Array.isArray(spec.validationFailureActionOverrides))
    out.validationFailureActionOverrides = spec.validationFailureActionOverrides.filter(isRecord).map((o) => ({
      action: str(o.action) ?? "",
      namespaces: strings(o.namespaces) ?? [],
      ...(selectorOf(o.namespaceSelector) ? { namespaceSelector: selectorOf(o.namespaceSelector) } : {}),
    }));
  const rules = Array.isArray(spec.rules) ? spec.rules.filter(isRecord) : [];
  // Only rules that verify images decide signature coverage.
  out.rules = rules
    .filter((r) => Array.isArray(r.verifyImages) && r.verifyImages.length)
    .map((r) => ({
      name: str(r.name) ?? "",
      ...(matchOf(r.match) ? { match: matchOf(r.match) } : {}),
      ...(matchOf(r.exclude) ? { exclude: matchOf(r.exclude) } : {}),
      verifyImages: (r.verifyImages as unknown[]).filter(isRecord).map((vi) => ({
        imageReferences: strings(vi.imageReferences) ?? (typeof vi.image === "string" ? [vi.image] : []),
        skipImageReferences: strings(vi.skipImageReferences) ?? [],
        ...(typeof vi.failureAction === "string" ? { failureAction: vi.failureAction } : {}),
      })),
    }));
  return out;
}

function imageValidatingSpec(spec: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    matchImageReferences: (Array.isArray(spec.matchImageReferences) ? spec.matchImageReferences : [])
      .filter(isRecord)
      .map((m) => ({
        ...(str(m.glob) ? { glob: m.glob } : {}),
        ...(str(m.expression) ? { expression: m.expression } : {}),
      })),
    validationActions: strings(spec.validationActions) ?? [],
  };
  const mc = spec.matchConstraints;
  if (isRecord(mc)) {
    const m: Record<string, unknown> = {};
    const ns = selectorOf(mc.namespaceSelector);
    if (ns) m.namespaceSelector = ns;
    for (const k of ["resourceRules", "excludeResourceRules"] as const)
      if (Array.isArray(mc[k])) m[k] = mc[k].filter(isRecord).map((r) => ({ resources: strings(r.resources) ?? [] }));
    out.matchConstraints = m;
  }
  return out;
}

function sigstoreSpec(spec: Record<string, unknown>): Record<string, unknown> {
  return {
    images: (Array.isArray(spec.images) ? spec.images : [])
      .filter(isRecord)
      .flatMap((i) => (typeof i.glob === "string" ? [{ glob: i.glob }] : [])),
    ...(typeof spec.mode === "string" ? { mode: spec.mode } : {}),
  };
}

/** The fields a supply-chain kind keeps beyond metadata (and the malformed fields met). */
export function projectSupply(kind: string, raw: Record<string, unknown>): Record<string, unknown> {
  const malformed: string[] = [];
  const out: Record<string, unknown> = {};
  if (kind === "VulnerabilityReport" || kind === "ExposedSecretReport") {
    const report = reportOf(kind, raw.report, malformed);
    if (report) out.report = report;
  } else {
    const spec = isRecord(raw.spec) ? raw.spec : undefined;
    if (!spec) malformed.push("spec");
    else if (kind === "ClusterPolicy" || kind === "Policy") out.spec = kyvernoSpec(spec);
    else if (kind === "ImageValidatingPolicy") out.spec = imageValidatingSpec(spec);
    else out.spec = sigstoreSpec(spec);
  }
  if (malformed.length) out.malformed = malformed;
  return out;
}

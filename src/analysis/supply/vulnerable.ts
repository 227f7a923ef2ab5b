// A workload container runs an image with known vulnerabilities (read from the
// scanners people already run: trivy-operator reports, trivy/grype files). The
// severity is the worst one a fix exists for: an unfixed critical ranks high (one
// level down), because the on-call question is "what can I patch now?".
import type { AnalysisContext, WorkloadCheck } from "../engine.js";
import { makeFinding, type Severity, severityRank } from "../finding.js";
import { imagesOf } from "../images/containers.js";
import type { Workload } from "../workloads.js";
import { evidencePath, type ScanReport, type SupplyModel, severityOfVuln, vulnsWorstFirst } from "./model.js";

export const SUPPLY_MODEL = "supply";

export function supplyModel(ctx: AnalysisContext): SupplyModel | undefined {
  return ctx.models.get(SUPPLY_MODEL) as SupplyModel | undefined;
}

const ORDER: Severity[] = ["critical", "high", "medium", "low", "info"];
const COUNT_KEYS: [string, Severity][] = [
  ["criticalCount", "critical"],
  ["highCount", "high"],
  ["mediumCount", "medium"],
  ["lowCount", "low"],
  ["unknownCount", "info"],
];

export interface VulnCounts {
  bySeverity: Record<Severity, number>;
  fixable: number;
  total: number;
  worstFixable?: Severity;
  worstUnfixed?: Severity;
}

/** Counts by severity and with a fix; from the list, else (a report without one) its summary. */
export function countVulns(report: ScanReport): VulnCounts {
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  const c: VulnCounts = { bySeverity, fixable: 0, total: 0 };
  const list = vulnsWorstFirst(report);
  if (list.length) {
    for (const v of list) {
      const s = severityOfVuln(v.severity);
      bySeverity[s]++;
      c.total++;
      if (v.fixedVersion) {
        c.fixable++;
        if (!c.worstFixable || severityRank(s) < severityRank(c.worstFixable)) c.worstFixable = s;
      } else if (!c.worstUnfixed || severityRank(s) < severityRank(c.worstUnfixed)) c.worstUnfixed = s;
    }
  } else {
    for (const [k, s] of COUNT_KEYS) {
      const n = report.summary[k] ?? 0;
      bySeverity[s] += n;
      c.total += n;
      // Without the list, whether a fix exists is unknown: rank as unfixed.
      if (n && (!c.worstUnfixed || severityRank(s) < severityRank(c.worstUnfixed))) c.worstUnfixed = s;
    }
  }
  return c;
}

/** The finding's severity: the worst fixable one, or one level below the worst unfixed one. */
export function rankOf(c: VulnCounts): Severity {
  const fixed = c.worstFixable ? severityRank(c.worstFixable) : ORDER.length - 1;
  const unfixed = c.worstUnfixed ? Math.min(ORDER.length - 1, severityRank(c.worstUnfixed) + 1) : ORDER.length - 1;
  return ORDER[Math.min(fixed, unfixed)]!;
}

function countsText(c: VulnCounts): string {
  const parts = ORDER.filter((s) => c.bySeverity[s]).map((s) => `${c.bySeverity[s]} ${s === "info" ? "unknown" : s}`);
  return `${parts.join(", ")} (${c.fixable} with a fix)`;
}

export const imageVulnerable: WorkloadCheck = {
  reads: { models: ["supply"] },
  meta: {
    id: "image.vulnerable",
    title: "Image with known vulnerabilities",
    severity: "high",
    panel: "images",
    description:
      "A scanner report (trivy-operator VulnerabilityReport, or a trivy/grype JSON given with --vulns) lists known vulnerabilities in the image this container runs, joined by image digest, else by exact reference, else by the workload trivy-operator scanned. Severity is the worst severity that has a fix; a vulnerability without a fix ranks one level lower (an unfixed critical is high) and the message says so.",
    remediation:
      "Rebuild the image on a patched base or bump the listed packages to their fixed versions, push, and roll the workload to the new digest. The detail view lists every CVE of the image, worst first.",
    references: [
      "https://aquasecurity.github.io/trivy-operator/latest/docs/crds/vulnerability-report/",
      "https://kubernetes.io/docs/concepts/security/security-checklist/#images",
    ],
  },
  detect(w: Workload, ctx: AnalysisContext) {
    const model = supplyModel(ctx);
    if (!model?.hasVulnSource) return [];
    return imagesOf(w).flatMap((i) => {
      const match = model.vulnerabilityReport(w, i);
      if (!match) return [];
      const c = countVulns(match.report);
      if (!c.total) return [];
      const severity = rankOf(c);
      const worst = vulnsWorstFirst(match.report)
        .filter((v) => v.fixedVersion)
        .slice(0, 3)
        .map((v) => `${v.vulnerabilityID} ${v.resource} ${v.installedVersion} → ${v.fixedVersion}`);
      const unfixedNote =
        c.worstUnfixed && (!c.worstFixable || severityRank(c.worstUnfixed) < severityRank(c.worstFixable))
          ? `; worst without a fix: ${c.worstUnfixed} (ranked ${severity})`
          : "";
      return [
        makeFinding({
          meta: imageVulnerable.meta,
          resource: w.ref,
          container: i.name,
          path: evidencePath(model, w, i, match, (m, x, e) => m.vulnerabilityReport(x, e)),
          severity,
          message: `container "${i.name}" runs ${i.image}${match.by === "digest" && !i.ref.digest ? ` (${match.report.digests[0] ?? "digest"})` : ""}: ${countsText(c)}${worst.length ? `; fix: ${worst.join("; ")}` : ""}${unfixedNote}`,
          related: [match.report.ref],
        }),
      ];
    });
  },
};

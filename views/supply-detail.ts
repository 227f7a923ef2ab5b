// The detail view's image sections for supply-chain findings: every CVE of the
// image (deduplicated, worst first: the order the analysis gives), filtered by the
// detail's `/` text, and the other workloads whose findings name the same report.
// No verdicts here: the lists come from the supply model and the findings.
import type { AnalysisResult } from "../src/analysis/analyzer.js";
import type { Finding } from "../src/analysis/finding.js";
import { type ScanReport, SupplyModel, severityOfVuln, vulnsWorstFirst } from "../src/analysis/supply/model.js";
import { refKey, refLabel } from "../src/cluster/objects.js";
import type { Line } from "./Pane.js";
import { SEVERITY_TAGS } from "./theme.js";

const SUPPLY_CHECKS = new Set(["image.vulnerable", "image.exposed-secret", "path.reachable-privileged-vulnerable"]);

function reportOf(model: SupplyModel, f: Finding): ScanReport | undefined {
  const keys = new Set((f.related ?? []).map(refKey));
  return [...model.vulns.all, ...model.secrets.all].find((r) => keys.has(refKey(r.ref)));
}

export function supplyDetailLines(finding: Finding | undefined, result: AnalysisResult, filter = ""): Line[] {
  if (!finding || !SUPPLY_CHECKS.has(finding.check)) return [];
  const model = result.models.get("supply");
  if (!(model instanceof SupplyModel)) return [];
  const report = reportOf(model, finding);
  if (!report) return [];
  const out: Line[] = [];
  const needle = filter.trim().toLowerCase();
  if (report.vulnerabilities.length) {
    const all = vulnsWorstFirst(report);
    const shown = needle
      ? all.filter((v) =>
          `${v.vulnerabilityID} ${v.resource} ${v.installedVersion} ${v.fixedVersion} ${v.severity} ${v.title ?? ""}`
            .toLowerCase()
            .includes(needle),
        )
      : all;
    out.push({
      text: `── vulnerabilities of ${report.image} (${needle ? `${shown.length} of ${all.length} match /${filter}` : `${all.length}, worst first`}; / filters, j/k scroll)`,
      tone: "dim",
    });
    for (const v of shown) {
      const sev = severityOfVuln(v.severity);
      out.push({
        text: `${SEVERITY_TAGS[sev]} ${v.vulnerabilityID} ${v.resource} ${v.installedVersion} → ${v.fixedVersion || "no fix yet"}${v.score !== undefined ? ` · ${v.score}` : ""}${v.title ? ` · ${v.title}` : ""}${v.primaryLink ? ` · ${v.primaryLink}` : ""}`,
        tone: sev,
      });
    }
  }
  if (report.secrets.length) {
    out.push({ text: `── secrets in ${report.image} (the matched text is never read)`, tone: "dim" });
    for (const s of report.secrets)
      out.push({
        text: `${SEVERITY_TAGS[severityOfVuln(s.severity)]} ${s.ruleID} (${s.category}) in ${s.target}${s.title ? ` · ${s.title}` : ""}`,
        tone: severityOfVuln(s.severity),
      });
  }
  const key = refKey(report.ref);
  const others = result.findings.filter(
    (f) => f.id !== finding.id && f.check === finding.check && (f.related ?? []).some((r) => refKey(r) === key),
  );
  if (others.length) {
    out.push({ text: "── other workloads running this image (Enter opens)", tone: "dim" });
    for (const f of others.slice(0, 50))
      out.push({
        text: `${refLabel(f.resource)}${f.container ? ` [${f.container}]` : ""}`,
        action: { findingId: f.id },
      });
  }
  return out;
}

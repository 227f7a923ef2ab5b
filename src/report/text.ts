// The plain-text report: what `kubeward scan` prints by default, and what
// `kubeward` prints when stdout is not a terminal.
import type { AnalysisResult } from "../analysis/analyzer.js";
import { PANEL_TITLES, PANELS, SEVERITIES, type Severity } from "../analysis/finding.js";
import { refLabel } from "../cluster/objects.js";
import type { SourceInfo, SourceProblem } from "../cluster/source.js";
import { sanitize } from "../util/sanitize.js";

export function severityCounts(result: Pick<AnalysisResult, "findings">): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of result.findings) counts[f.severity]++;
  return counts;
}

export function sourceLabel(info: SourceInfo): string {
  const parts: string[] = [info.kind];
  if (info.context) parts.push(`context ${info.context}`);
  if (info.cluster && info.cluster !== info.context) parts.push(`cluster ${info.cluster}`);
  if (info.namespace) parts.push(`namespace ${info.namespace}`);
  if (info.note) parts.push(`(${info.note})`);
  return parts.join(", ");
}

export function renderText(result: AnalysisResult, info: SourceInfo, problems: SourceProblem[]): string {
  const out: string[] = [];
  const counts = severityCounts(result);
  out.push(`kubeward report — ${sanitize(sourceLabel(info))}`);
  if (problems.length) {
    // First, before any count: what this report could not see (issue 14).
    out.push(
      `PARTIAL REPORT: ${problems.length} input problem${problems.length === 1 ? "" : "s"}; verdicts that depend on what is missing are unknown (not clean):`,
    );
    for (const p of problems) out.push(`  - ${sanitize(p.where)}: ${sanitize(p.message)}`);
  }
  out.push(SEVERITIES.map((s) => `${s}: ${counts[s]}`).join("  "));
  for (const panel of PANELS) {
    const findings = result.findings.filter((f) => f.panel === panel);
    out.push("", `== ${PANEL_TITLES[panel]} (${findings.length}) ==`);
    for (const f of findings) {
      const where = `${refLabel(f.resource)}${f.container ? ` [${f.container}]` : ""}`;
      out.push(`${f.severity.toUpperCase().padEnd(8)} ${f.check}  ${sanitize(where)}`);
      out.push(`         ${sanitize(f.message)}`);
      if (f.fix && f.fix.type !== "none")
        out.push(`         fix: ${f.fix.type} on ${sanitize(refLabel(f.fix.target))}`);
    }
  }
  return `${out.join("\n")}\n`;
}

// The plain-text report: what `kubeward scan` prints by default, and what
// `kubeward` prints when stdout is not a terminal.
import type { AnalysisResult } from "../analysis/analyzer.js";
import { PANEL_TITLES, PANELS, SEVERITIES, type Severity } from "../analysis/finding.js";
import { refLabel } from "../cluster/objects.js";
import type { SourceInfo, SourceProblem } from "../cluster/source.js";
import { sanitize } from "../util/sanitize.js";
import { type ReportTriage, resolvedOf } from "./triaged.js";

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

export function renderText(
  result: AnalysisResult,
  info: SourceInfo,
  problems: SourceProblem[],
  triage?: ReportTriage,
): string {
  const out: string[] = [];
  // Accepted findings are counted apart and listed under their own heading (unless shown for a review).
  const accepted = triage ? result.findings.filter((f) => triage.verdict(f).accepted) : [];
  const acceptedSet = new Set(accepted);
  const listed =
    triage?.showAccepted || !accepted.length ? result.findings : result.findings.filter((f) => !acceptedSet.has(f));
  const counts = severityCounts({ findings: listed });
  out.push(`kubeward report — ${sanitize(sourceLabel(info))}`);
  if (problems.length) {
    // First, before any count: what this report could not see (issue 14).
    out.push(
      `PARTIAL REPORT: ${problems.length} input problem${problems.length === 1 ? "" : "s"}; verdicts that depend on what is missing are unknown (not clean):`,
    );
    for (const p of problems) out.push(`  - ${sanitize(p.where)}: ${sanitize(p.message)}`);
  }
  const extra = [
    accepted.length ? `accepted: ${accepted.length}` : "",
    triage?.baseline ? `new: ${listed.filter((f) => triage.baseline!.stateOf(f.id) === "new").length}` : "",
  ].filter(Boolean);
  out.push([...SEVERITIES.map((s) => `${s}: ${counts[s]}`), ...extra].join("  "));
  const line = (f: AnalysisResult["findings"][number]) => {
    const where = `${refLabel(f.resource)}${f.container ? ` [${f.container}]` : ""}`;
    const tag = triage?.baseline?.stateOf(f.id) === "new" ? "  [new]" : "";
    out.push(`${f.severity.toUpperCase().padEnd(8)} ${f.check}  ${sanitize(where)}${tag}`);
    out.push(`         ${sanitize(f.message)}`);
    const v = triage?.verdict(f);
    if (v?.accepted) out.push(`         accepted: ${sanitize(acceptedLabel(v.accepted))}`);
    if (v?.expired) out.push(`         acceptance EXPIRED ${v.expired.expires}: ${sanitize(acceptedLabel(v.expired))}`);
  };
  for (const panel of PANELS) {
    const findings = listed.filter((f) => f.panel === panel);
    out.push("", `== ${PANEL_TITLES[panel]} (${findings.length}) ==`);
    for (const f of findings) {
      line(f);
      if (f.fix && f.fix.type !== "none")
        out.push(`         fix: ${f.fix.type} on ${sanitize(refLabel(f.fix.target))}`);
    }
  }
  if (accepted.length && !triage?.showAccepted) {
    out.push("", `== Accepted (${accepted.length}) ==`);
    for (const f of accepted) line(f);
  }
  const resolved = resolvedOf(result.findings, triage);
  if (resolved) {
    out.push("", `== Resolved since the baseline (${resolved.length}) ==`);
    for (const f of resolved) {
      const r = f.resource as { kind?: string; namespace?: string; name?: string } | undefined;
      const where =
        r?.kind && r.name
          ? refLabel({ kind: r.kind, name: r.name, ...(r.namespace ? { namespace: r.namespace } : {}) })
          : f.id;
      out.push(
        `${String(f.severity ?? "")
          .toUpperCase()
          .padEnd(8)} ${sanitize(String(f.check ?? "?"))}  ${sanitize(where)}`,
      );
    }
  }
  return `${out.join("\n")}\n`;
}

function acceptedLabel(a: { reason: string; expires?: string; by?: string; source: string }): string {
  return `${a.reason}${a.expires ? ` (until ${a.expires})` : ""}${a.by ? ` by ${a.by}` : ""} — ${a.source}`;
}

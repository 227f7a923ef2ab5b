// Report mode: read the source once, analyse, print text/JSON/SARIF, optionally
// write patches; the exit code says whether findings reach the threshold.
import { mkdirSync } from "node:fs";
import type { AnalysisResult } from "../analysis/analyzer.js";
import { type Severity, severityRank } from "../analysis/finding.js";
import { checkMetas } from "../analysis/registry.js";
import { supplyProblems } from "../analysis/supply/model.js";
import { FileSource } from "../cluster/files.js";
import { WithScannerReports } from "../cluster/scanner-files.js";
import type { Source, SourceProblem } from "../cluster/source.js";
import { writeFindingPatches } from "../patch/patches.js";
import { buildJsonReport, renderJson } from "../report/json.js";
import { renderSarif } from "../report/sarif.js";
import { renderText } from "../report/text.js";
import { countsForFailOn, type ReportTriage, reportTriage } from "../report/triaged.js";
import { sanitize } from "../util/sanitize.js";
import { kubewardVersion } from "../util/version.js";
import { gapProblems } from "./gaps.js";
import type { Session } from "./session.js";

export type OutputFormat = "text" | "json" | "sarif";

export interface ScanOptions {
  output: OutputFormat;
  failOn?: Severity;
  patches?: string;
  /** Accepted findings listed and counted with the others (a review). */
  showAccepted?: boolean;
  syncTimeoutMs: number;
  /** Keep exit codes 0/1 when the report is partial (forbidden, failed, timed-out kinds, unreadable files). */
  allowPartial?: boolean;
}

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** The file source under a --vulns wrapper, if any (for SARIF locations). */
function filesOf(source: Source): FileSource | undefined {
  const inner = source instanceof WithScannerReports ? source.inner : source;
  return inner instanceof FileSource ? inner : undefined;
}

/** One stderr line per kind that could not be read (forbidden or failing). */
export function reportKindErrors(session: Session, io: Io): void {
  for (const [kind, s] of session.store.statuses()) {
    if (s.state === "forbidden" || s.state === "error")
      io.stderr(`kubeward: ${kind}: ${s.state}${s.message ? ` — ${sanitize(s.message)}` : ""}\n`);
  }
}

/** Everything the report could not see: the source's problems, then each kind not (fully) read. */
export function reportProblems(session: Session): SourceProblem[] {
  return [...session.source.problems(), ...gapProblems(session.gaps())];
}

export function renderReport(
  session: Session,
  result: AnalysisResult,
  output: OutputFormat,
  triage: ReportTriage = reportTriage(session.triage, session.baseline),
): string {
  const problems = [...reportProblems(session), ...supplyProblems(result.models)];
  switch (output) {
    case "json":
      return renderJson(buildJsonReport(result, session.source.info, problems, triage));
    case "sarif": {
      const origins = filesOf(session.source)?.origins() ?? new Map();
      return renderSarif(result, session.source.info, checkMetas(), kubewardVersion(), origins, triage);
    }
    default:
      return renderText(result, session.source.info, problems, triage);
  }
}

/** Writes one file per fix target into `dir`; returns the kubectl lines. */
export function writePatches(session: Session, result: AnalysisResult, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return writeFindingPatches(result.findings, session.store, result.models, dir).flatMap((p) => p.commands);
}

export async function runScan(session: Session, options: ScanOptions, io: Io): Promise<number> {
  await session.start();
  const complete = await session.waitForSync(options.syncTimeoutMs);
  const result = session.analyze();
  const triage = reportTriage(session.triage, session.baseline, options.showAccepted);
  io.stdout(renderReport(session, result, options.output, triage));
  const problems = reportProblems(session);
  for (const p of session.source.problems()) io.stderr(`kubeward: ${sanitize(p.where)}: ${sanitize(p.message)}\n`);
  reportKindErrors(session, io);
  if (!complete)
    io.stderr(
      `kubeward: warning: not every kind finished listing within ${Math.round(options.syncTimeoutMs / 1000)} s; the report is partial\n`,
    );
  if (problems.length)
    io.stderr(
      `kubeward: the report is partial (${problems.length} problem${problems.length === 1 ? "" : "s"})${options.allowPartial ? "" : "; exit code 2 (--allow-partial keeps 0/1)"}\n`,
    );
  if (options.patches) {
    const lines = writePatches(session, result, options.patches);
    const say = options.output === "text" ? io.stdout : io.stderr;
    say(
      `\n${lines.length ? `Patches written to ${options.patches}; apply with:\n${lines.map((l) => `  ${l}`).join("\n")}` : "No fixable findings: no patches written."}\n`,
    );
  }
  session.stop();
  if (problems.length && !options.allowPartial) return 2;
  if (options.failOn) {
    const limit = severityRank(options.failOn);
    // Accepted findings never trip --fail-on; with a baseline only new findings do.
    if (result.findings.some((f) => severityRank(f.severity) <= limit && countsForFailOn(f, triage))) return 1;
  }
  return 0;
}

// Report mode: read the source once, analyse, print text/JSON/SARIF, optionally
// write patches; the exit code says whether findings reach the threshold.
import { mkdirSync } from "node:fs";
import type { AnalysisResult } from "../analysis/analyzer.js";
import { type Severity, severityRank } from "../analysis/finding.js";
import { checkMetas } from "../analysis/registry.js";
import { FileSource } from "../cluster/files.js";
import type { SourceProblem } from "../cluster/source.js";
import { writeFindingPatches } from "../patch/patches.js";
import { buildJsonReport, renderJson } from "../report/json.js";
import { renderSarif } from "../report/sarif.js";
import { renderText } from "../report/text.js";
import { sanitize } from "../util/sanitize.js";
import { kubewardVersion } from "../util/version.js";
import { gapProblems } from "./gaps.js";
import type { Session } from "./session.js";

export type OutputFormat = "text" | "json" | "sarif";

export interface ScanOptions {
  output: OutputFormat;
  failOn?: Severity;
  patches?: string;
  syncTimeoutMs: number;
  /** Keep exit codes 0/1 when the report is partial (forbidden, failed, timed-out kinds, unreadable files). */
  allowPartial?: boolean;
}

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
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

export function renderReport(session: Session, result: AnalysisResult, output: OutputFormat): string {
  const problems = reportProblems(session);
  switch (output) {
    case "json":
      return renderJson(buildJsonReport(result, session.source.info, problems));
    case "sarif": {
      const origins = session.source instanceof FileSource ? session.source.origins() : new Map();
      return renderSarif(result, session.source.info, checkMetas(), kubewardVersion(), origins);
    }
    default:
      return renderText(result, session.source.info, problems);
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
  io.stdout(renderReport(session, result, options.output));
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
    if (result.findings.some((f) => severityRank(f.severity) <= limit)) return 1;
  }
  return 0;
}

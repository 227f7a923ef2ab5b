// Report mode: read the source once, analyse, print text/JSON/SARIF, optionally
// write patches; the exit code says whether findings reach the threshold.
import { mkdirSync } from "node:fs";
import type { AnalysisResult } from "../analysis/analyzer.js";
import { type Severity, severityRank } from "../analysis/finding.js";
import { checkMetas } from "../analysis/registry.js";
import { FileSource } from "../cluster/files.js";
import { writeFindingPatches } from "../patch/patches.js";
import { buildJsonReport, renderJson } from "../report/json.js";
import { renderSarif } from "../report/sarif.js";
import { renderText } from "../report/text.js";
import { sanitize } from "../util/sanitize.js";
import { kubewardVersion } from "../util/version.js";
import type { Session } from "./session.js";

export type OutputFormat = "text" | "json" | "sarif";

export interface ScanOptions {
  output: OutputFormat;
  failOn?: Severity;
  patches?: string;
  syncTimeoutMs: number;
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

export function renderReport(session: Session, result: AnalysisResult, output: OutputFormat): string {
  const problems = session.source.problems();
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
  const problems = session.source.problems();
  for (const p of problems) io.stderr(`kubeward: ${sanitize(p.where)}: ${sanitize(p.message)}\n`);
  reportKindErrors(session, io);
  if (!complete)
    io.stderr("kubeward: warning: not every kind finished listing before the timeout; the report is partial\n");
  if (options.patches) {
    const lines = writePatches(session, result, options.patches);
    const say = options.output === "text" ? io.stdout : io.stderr;
    say(
      `\n${lines.length ? `Patches written to ${options.patches}; apply with:\n${lines.map((l) => `  ${l}`).join("\n")}` : "No fixable findings: no patches written."}\n`,
    );
  }
  session.stop();
  if (problems.length) return 2;
  if (options.failOn) {
    const limit = severityRank(options.failOn);
    if (result.findings.some((f) => severityRank(f.severity) <= limit)) return 1;
  }
  return 0;
}

// The JSON report: the contract of DESIGN §8. Fields may be added; none may change meaning.
import type { AnalysisResult } from "../analysis/analyzer.js";
import type { Finding } from "../analysis/finding.js";
import type { SourceInfo, SourceProblem } from "../cluster/source.js";
import type { BaselineFinding } from "../triage/baseline.js";
import { type ReportTriage, resolvedOf, triagedFinding } from "./triaged.js";

export interface JsonReport {
  version: 1;
  source: { kind: SourceInfo["kind"]; context?: string; cluster?: string; namespace?: string };
  findings: Finding[];
  workloads: AnalysisResult["workloads"];
  namespaces: AnalysisResult["namespaces"];
  subjects: AnalysisResult["subjects"];
  problems: SourceProblem[];
  /** With --baseline: the baseline's findings that are gone. */
  resolved?: BaselineFinding[];
}

export function buildJsonReport(
  result: AnalysisResult,
  info: SourceInfo,
  problems: SourceProblem[],
  triage?: ReportTriage,
): JsonReport {
  const source: JsonReport["source"] = { kind: info.kind };
  if (info.context) source.context = info.context;
  if (info.cluster) source.cluster = info.cluster;
  if (info.namespace) source.namespace = info.namespace;
  return {
    version: 1,
    source,
    findings: triage ? result.findings.map((f) => triagedFinding(f, triage)) : result.findings,
    workloads: result.workloads,
    namespaces: result.namespaces,
    subjects: result.subjects,
    problems,
    ...(triage?.baseline ? { resolved: resolvedOf(result.findings, triage)! } : {}),
  };
}

export function renderJson(report: JsonReport): string {
  // JSON.stringify escapes control characters, so cluster text stays inert here.
  return `${JSON.stringify(report, null, 2)}\n`;
}

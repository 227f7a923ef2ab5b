// The triage state reports print beside each finding (DESIGN §5, §9): whether it is
// accepted (or its acceptance expired) and, with a baseline, whether it is new.
import type { Finding } from "../analysis/finding.js";
import type { Baseline, BaselineFinding, BaselineState } from "../triage/baseline.js";
import type { Acceptance } from "../triage/exceptions.js";
import type { Triage, Verdict } from "../triage/triage.js";

export interface ReportTriage {
  verdict(f: Finding): Verdict;
  baseline?: Baseline;
  /** Accepted findings are listed with the others (and counted) for a review. */
  showAccepted?: boolean;
}

export function reportTriage(triage: Triage, baseline?: Baseline, showAccepted = false): ReportTriage {
  return { verdict: (f) => triage.verdict(f), ...(baseline ? { baseline } : {}), showAccepted };
}

/** A finding as the JSON report prints it: its fields, then accepted / acceptanceExpired / baseline. */
export type TriagedFinding = Finding & {
  accepted?: Acceptance;
  acceptanceExpired?: Acceptance;
  baseline?: BaselineState;
};

export function triagedFinding(f: Finding, t: ReportTriage | undefined): Finding | TriagedFinding {
  if (!t) return f;
  const v = t.verdict(f);
  if (!v.accepted && !v.expired && !t.baseline) return f;
  const out: TriagedFinding = { ...f };
  if (v.accepted) out.accepted = v.accepted;
  if (v.expired) out.acceptanceExpired = v.expired;
  if (t.baseline) out.baseline = t.baseline.stateOf(f.id);
  return out;
}

export function resolvedOf(findings: readonly Finding[], t: ReportTriage | undefined): BaselineFinding[] | undefined {
  return t?.baseline ? t.baseline.resolved(findings) : undefined;
}

/** Whether --fail-on counts this finding: never when accepted; with a baseline, only when new. */
export function countsForFailOn(f: Finding, t: ReportTriage | undefined): boolean {
  if (!t) return true;
  if (t.verdict(f).accepted) return false;
  return !t.baseline || t.baseline.stateOf(f.id) === "new";
}

/** "config" for the exceptions file, "inSource" for annotations and labels on the objects. */
export function suppressionKind(a: Acceptance): "external" | "inSource" {
  return a.source.startsWith("config:") ? "external" : "inSource";
}

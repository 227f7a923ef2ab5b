// Fuzzy filter over the full finding list at the top size: the time from a
// keystroke to a filtered result. Uses the TUI's filter (src/app/filter.ts)
// when this build has it; otherwise reports it as unavailable.
import { performance } from "node:perf_hooks";
import type { Finding } from "../../src/analysis/finding.js";
import { Session } from "../../src/app/session.js";
import { percentile, round1 } from "./proc.js";
import { BenchSource, loadSynthetic } from "./source.js";

export interface FuzzyBench {
  pods: number;
  findings: number;
  mode: "filter-function" | "unavailable";
  queries: string[];
  /** Per keystroke (each prefix of each query), filter call time. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  note?: string;
}

type FilterFn = (findings: readonly Finding[], text: string) => Finding[];

async function loadFilter(): Promise<FilterFn | undefined> {
  const path = "../../src/app/filter.js";
  try {
    const mod = (await import(path)) as { filterFindings?: FilterFn };
    return mod.filterFindings;
  } catch {
    return undefined;
  }
}

export const FUZZY_QUERIES = ["team-00042", "privlged", "hostpath web", "critical api"];

export async function benchFuzzy(pods: number): Promise<FuzzyBench> {
  const source = new BenchSource();
  const session = new Session(source);
  await session.start();
  loadSynthetic(source, { pods });
  const findings = session.analyze().findings;
  const filter = await loadFilter();
  if (!filter) {
    return {
      pods,
      findings: findings.length,
      mode: "unavailable",
      queries: [],
      p50Ms: Number.NaN,
      p99Ms: Number.NaN,
      maxMs: Number.NaN,
      note: "no src/app/filter.ts in this build (tui branch not merged)",
    };
  }
  const times: number[] = [];
  for (const q of FUZZY_QUERIES) {
    for (let i = 1; i <= q.length; i++) {
      const t0 = performance.now();
      filter(findings, q.slice(0, i));
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  session.stop();
  return {
    pods,
    findings: findings.length,
    mode: "filter-function",
    queries: FUZZY_QUERIES,
    p50Ms: round1(percentile(times, 50)),
    p99Ms: round1(percentile(times, 99)),
    maxMs: round1(times[times.length - 1]!),
  };
}

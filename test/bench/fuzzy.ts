// The `/` fuzzy filter over the full finding list at the top size:
// - keystroke → frame: the real App on fake terminal streams; a key is written to
//   stdin and timed until the first frame whose filter line shows the new text
//   (that frame already holds the filtered list: both come from one render);
// - the filter function alone (src/app/filter.ts), per keystroke, for comparison.
import { performance } from "node:perf_hooks";
import type { Finding } from "../../src/analysis/finding.js";
import { Controller } from "../../src/app/controller.js";
import { FindingFilter } from "../../src/app/filter.js";
import { Session } from "../../src/commands/session.js";
import { mountTui } from "./ink-null.js";
import { percentile, round1 } from "./proc.js";
import { BenchSource, loadSynthetic } from "./source.js";

export interface FuzzyBench {
  pods: number;
  findings: number;
  /** Findings in the panel being filtered (the pods panel, the largest). */
  panelFindings: number;
  queries: string[];
  keystrokes: number;
  frameP50Ms: number;
  frameP99Ms: number;
  frameMaxMs: number;
  /** Keys whose frame never came within 5 s (counted, not timed). */
  missed: number;
  filterP50Ms: number;
  filterP99Ms: number;
  /** Building the filter's index over the panel (done when `/` opens the filter line). */
  filterIndexMs: number;
  /** The slowest keys, as "query prefix: ms", slowest first (which keystrokes make the p99). */
  slowestKeys: string[];
}

export const FUZZY_QUERIES = ["team-00042", "privlged", "hostpath web", "seccomp api"];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchFuzzy(pods: number): Promise<FuzzyBench> {
  const source = new BenchSource();
  const session = new Session(source);
  await session.start();
  loadSynthetic(source, { pods });
  const controller = new Controller(session);
  const findings = controller.current.result.findings;
  const panel: Finding[] = findings.filter((f) => f.panel === "pods");

  // The filter alone, on the same list, used as the App uses it: one FindingFilter
  // per list (its index built when `/` opens the filter line), typed then backspaced.
  const filterTimes: number[] = [];
  const t0 = performance.now();
  const filterer = new FindingFilter(panel);
  filterer.prepare();
  const filterIndexMs = performance.now() - t0;
  for (const q of FUZZY_QUERIES) {
    for (let i = 1; i <= q.length; i++) {
      const t0 = performance.now();
      filterer.filter(q.slice(0, i));
      filterTimes.push(performance.now() - t0);
    }
    for (let i = q.length - 1; i >= 0; i--) filterer.filter(q.slice(0, i));
  }

  const tui = mountTui(controller);
  let frame = "";
  let waiter: { test: (f: string) => boolean; resolve: (at: number) => void } | undefined;
  tui.onFrame((f, at) => {
    frame = f;
    if (waiter?.test(f)) {
      const w = waiter;
      waiter = undefined;
      w.resolve(at);
    }
  });
  const until = (test: (f: string) => boolean, timeoutMs = 5000): Promise<number | undefined> =>
    new Promise((resolve) => {
      if (test(frame)) return resolve(performance.now());
      const timer = setTimeout(() => {
        waiter = undefined;
        resolve(undefined);
      }, timeoutMs);
      waiter = {
        test,
        resolve: (at) => {
          clearTimeout(timer);
          resolve(at);
        },
      };
    });
  await until((f) => f.includes("critical"), 60_000);
  await sleep(500);

  const frameTimes: number[] = [];
  const keyTimes: { key: string; ms: number }[] = [];
  let missed = 0;
  for (const q of FUZZY_QUERIES) {
    tui.type("/");
    await until((f) => f.includes("/▏"));
    for (let i = 1; i <= q.length; i++) {
      const shown = `/${q.slice(0, i)}▏`;
      const t0 = performance.now();
      tui.type(q[i - 1]!);
      const at = await until((f) => f.includes(shown));
      if (at === undefined) missed++;
      else {
        frameTimes.push(at - t0);
        keyTimes.push({ key: q.slice(0, i), ms: at - t0 });
      }
      await sleep(30);
    }
    for (let i = q.length - 1; i >= 0; i--) {
      tui.type("\x7f");
      await until((f) => f.includes(`/${q.slice(0, i)}▏`));
    }
    tui.type("\r");
    await sleep(100);
  }
  tui.unmount();
  controller.dispose();
  session.stop();
  frameTimes.sort((a, b) => a - b);
  filterTimes.sort((a, b) => a - b);
  return {
    pods,
    findings: findings.length,
    panelFindings: panel.length,
    queries: FUZZY_QUERIES,
    keystrokes: frameTimes.length + missed,
    frameP50Ms: round1(percentile(frameTimes, 50)),
    frameP99Ms: round1(percentile(frameTimes, 99)),
    frameMaxMs: round1(frameTimes[frameTimes.length - 1] ?? Number.NaN),
    missed,
    filterP50Ms: round1(percentile(filterTimes, 50)),
    filterP99Ms: round1(percentile(filterTimes, 99)),
    filterIndexMs: round1(filterIndexMs),
    slowestKeys: keyTimes
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5)
      .map((k) => `${k.key}: ${round1(k.ms)}`),
  };
}

// While the first lists stream in, the controller analyses at most once a second (the
// lists get the CPU), redraws the header between analyses, and analyses the change
// that settles the last kind at once.
import { afterEach, describe, expect, it, vi } from "vitest";
import { Analyzer } from "../../src/analysis/analyzer.js";
import { createEngines } from "../../src/analysis/registry.js";
import { Controller } from "../../src/app/controller.js";
import { project } from "../../src/cluster/project.js";
import type { SourceEvent } from "../../src/cluster/source.js";
import type { Session } from "../../src/commands/session.js";
import { Store } from "../../src/store/store.js";
import { Triage } from "../../src/triage/triage.js";
import { syntheticCluster } from "../bench/generate.js";

/** A session over `store` that counts analyses and is settled when `settled()` says so. */
function countingSession(store: Store, settled: () => boolean): { session: Session; runs: () => number } {
  const analyzer = new Analyzer(store, createEngines());
  let runs = 0;
  const session = {
    store,
    analyze: () => {
      runs++;
      return analyzer.run();
    },
    settled,
    triage: new Triage(store),
  } as unknown as Session;
  return { session, runs: () => runs };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("controller while the first lists stream in", () => {
  const raws = [...syntheticCluster({ pods: 300, seed: 3 })];
  const pages: SourceEvent[][] = [];
  for (let i = 0; i < raws.length; i += 50)
    pages.push(raws.slice(i, i + 50).map((raw) => ({ type: "added" as const, object: project(raw)! })));

  it("analyses at most once a second until settled, then at once", () => {
    vi.useFakeTimers();
    const store = new Store();
    let settled = false;
    const { session, runs } = countingSession(store, () => settled);
    const controller = new Controller(session);
    const frames: number[] = [];
    controller.subscribe(() => frames.push(Date.now()));
    expect(runs()).toBe(1); // the first snapshot

    // A page every 50 ms for the whole load: 10 a second would be ~10 analyses.
    for (const page of pages) {
      store.apply(page);
      vi.advanceTimersByTime(50);
    }
    const duringSync = runs() - 1;
    const elapsed = pages.length * 50;
    expect(duringSync).toBeLessThanOrEqual(Math.ceil(elapsed / 1000) + 1);
    // The header still redrew between analyses (kinds live, from the store).
    expect(frames.length).toBeGreaterThan(duringSync);

    // The change that settles the last kind is analysed on the next turn, not a second later.
    settled = true;
    const before = runs();
    store.apply([{ type: "synced", kind: "Pod" }]);
    vi.advanceTimersByTime(1);
    expect(runs()).toBe(before + 1);
    expect(controller.current.result.findings.length).toBeGreaterThan(0);
    controller.dispose();
  });

  it("analyses every change batch at up to 10 a second once settled", () => {
    vi.useFakeTimers();
    const store = new Store();
    store.apply(pages[0]!);
    const { session, runs } = countingSession(store, () => true);
    const controller = new Controller(session);
    for (const page of pages.slice(1)) {
      store.apply(page);
      vi.advanceTimersByTime(100);
    }
    // One per 100 ms page, none held back.
    expect(runs() - 1).toBe(pages.length - 1);
    controller.dispose();
  });
});

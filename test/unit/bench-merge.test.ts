// A bench run split over several invocations (synthetic sizes, then each API server
// size) is merged into one report whose targets come from all of their figures.
import { describe, expect, it } from "vitest";
import { mergeReports } from "../bench/merge.js";

describe("mergeReports", () => {
  const synthetic = {
    startedAt: "2026-11-30T17:00:00Z",
    analysis: [{ pods: 150_000, firstAnalysisMs: 12_000, peakRssMb: 650 }],
    idle: { cpuPercent: 0.1 },
    targets: [],
  };
  const api10k = { startedAt: "2026-11-30T17:20:00Z", apiserver: [{ pods: 10_000, scanOverFloor: 1.9 }], targets: [] };
  const api50k = {
    startedAt: "2026-11-30T16:40:00Z",
    finishedAt: "2026-11-30T16:55:00Z",
    apiserver: [{ pods: 50_000, scanOverFloor: 2.2 }],
    targets: [],
  };

  it("keeps every row, the earliest start and the latest end, and computes the targets from all of them", () => {
    const r = mergeReports([synthetic, { ...api10k, finishedAt: "2026-11-30T17:30:00Z" }, api50k]);
    expect(r.startedAt).toBe("2026-11-30T16:40:00Z");
    expect(r.finishedAt).toBe("2026-11-30T17:30:00Z");
    expect(r.apiserver.map((a: { pods: number }) => a.pods)).toEqual([10_000, 50_000]);
    const byName = new Map(r.targets.map((t: { name: string; measured: number | null; met: boolean }) => [t.name, t]));
    expect(byName.get("live first complete analysis / floor, 10,000 pods")).toMatchObject({ measured: 1.9, met: true });
    expect(byName.get("live first complete analysis / floor, 50,000 pods")).toMatchObject({
      measured: 2.2,
      met: false,
    });
    expect(byName.get("peak RSS, synthetic 150,000 pods")).toMatchObject({ measured: 650, met: true });
    expect(byName.get("idle CPU")).toMatchObject({ measured: 0.1, met: true });
  });

  it("leaves a single report's own targets as its run computed them", () => {
    const own = [{ name: "x", measured: 1, target: 2, unit: "ms", met: true }];
    expect(mergeReports([{ ...api10k, targets: own }]).targets).toBe(own);
  });
});

// The bench's targets are computed from the figures of its own report; figures the
// run did not measure give measured null and met false. The floor reads only the
// continue token; the live-TUI bench reads the screen's text through escapes.
import { describe, expect, it } from "vitest";
import { continueToken } from "../bench/floor.js";
import { computeTargets } from "../bench/targets.js";
import { visible } from "../bench/tui-live.js";

describe("bench targets", () => {
  it("lists one entry per target, null and unmet when not measured", () => {
    const t = computeTargets({});
    expect(t).toHaveLength(10);
    for (const e of t) {
      expect(e.measured).toBeNull();
      expect(e.met).toBe(false);
      expect(typeof e.target).toBe("number");
      expect(e.unit).not.toBe("");
    }
    expect(new Set(t.map((e) => e.name)).size).toBe(10);
  });

  it("computes each verdict from the measured figure", () => {
    const t = computeTargets({
      apiserver: [
        { pods: 10_000, scanOverFloor: 2.4, tuiLiveOverFloor: 2.5, tui: { firstFrameMs: 250, peakRssMb: 420 } },
        { pods: 50_000, error: "load failed", scanOverFloor: 1 },
      ],
      analysis: [{ pods: 150_000, firstAnalysisMs: 9_000, peakRssMb: 900 }],
      events: { pods: 10_000, targetRate: 1000, p99Ms: 80 },
      fuzzy: { pods: 150_000, frameP99Ms: 40 },
      idle: { cpuPercent: 1 },
    });
    const by = Object.fromEntries(t.map((e) => [e.name, e]));
    expect(by["live first complete analysis / floor, 10,000 pods"]).toMatchObject({ measured: 2.4, met: false });
    // A row with an error measured nothing.
    expect(by["live first complete analysis / floor, 50,000 pods"]).toMatchObject({ measured: null, met: false });
    expect(by["live TUI first frame, 10,000 pods"]).toMatchObject({ measured: 250, met: true });
    expect(by["live TUI all kinds live / floor, 10,000 pods"]).toMatchObject({ measured: 2.5, met: true });
    expect(by["live TUI peak RSS, 10,000 pods"]).toMatchObject({ measured: 420, met: false });
    expect(by["first complete analysis, synthetic 150,000 pods"]).toMatchObject({ measured: 9000, met: true });
    expect(by["peak RSS, synthetic 150,000 pods"]).toMatchObject({ measured: 900, met: false });
    expect(by["event → frame p99 at 1,000 events/s, 10,000 pods"]).toMatchObject({ measured: 80, met: true });
    expect(by["keystroke → frame p99, 150,000 pods"]).toMatchObject({ measured: 40, met: false });
    // "< 1 %": exactly 1 % is not met.
    expect(by["idle CPU"]).toMatchObject({ measured: 1, met: false });
  });

  it("does not count an events run at a lower rate or another size", () => {
    const name = "event → frame p99 at 1,000 events/s, 10,000 pods";
    const at500 = computeTargets({ events: { pods: 10_000, targetRate: 500, p99Ms: 50 } });
    expect(at500.find((e) => e.name === name)).toMatchObject({ measured: null, met: false });
    const small = computeTargets({ events: { pods: 1_000, targetRate: 1000, p99Ms: 50 } });
    expect(small.find((e) => e.name === name)).toMatchObject({ measured: null, met: false });
  });
});

describe("floor list", () => {
  it("reads the continue token from the list metadata only", () => {
    expect(continueToken('{"kind":"PodList","metadata":{"resourceVersion":"9","continue":"abc=="},"items":[')).toBe(
      "abc==",
    );
    expect(continueToken('{"kind":"PodList","metadata":{"resourceVersion":"9"},"items":[{"continue":"x"}')).toBe(
      undefined,
    );
    expect(continueToken('{"metadata":{"continue":""},"items":[]}')).toBe(undefined);
  });
});

describe("live TUI bench", () => {
  it("sees the header text through colour and cursor escapes", () => {
    expect(visible("\x1b[2K\x1b[1G\x1b[32m18/18\x1b[39m kinds live\x1b]0;t\x07")).toBe("18/18 kinds live");
  });
});

// `npm run bench -- --json` ends with one JSON object on its last line (DESIGN §8).
// Runs the built harness at the smallest size; asserts the shape, never timings.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/cli.js";

describe("bench harness", () => {
  it("prints every figure as one parsable JSON object on the last line", () => {
    const r = spawnSync(process.execPath, ["dist/test/bench/run.js", "--json", "--quick"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 170_000,
    });
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    const report = JSON.parse(lines[lines.length - 1]!);
    expect(report.version).toBe(1);
    expect(report.analysis).toHaveLength(1);
    expect(report.analysis[0].pods).toBe(1000);
    expect(report.analysis[0].findings).toBeGreaterThan(0);
    expect(typeof report.analysis[0].peakRssMb).toBe("number");
    expect(report.events.events).toBeGreaterThan(0);
    expect(typeof report.events.p99Ms).toBe("number");
    expect(typeof report.idle.cpuPercent).toBe("number");
    expect(report.fuzzy.findings).toBeGreaterThan(0);
    expect(report.fuzzy.keystrokes).toBeGreaterThan(0);
    expect(typeof report.fuzzy.frameP99Ms).toBe("number");
    // One entry per target of issue 20; --quick measures none at its sizes but idle CPU.
    expect(report.targets).toHaveLength(10);
    for (const t of report.targets) {
      expect(Object.keys(t).sort()).toEqual(["measured", "met", "name", "target", "unit"]);
      if (t.measured === null) expect(t.met).toBe(false);
    }
    expect(report.targets.find((t: { name: string }) => t.name === "idle CPU").measured).toBe(report.idle.cpuPercent);
  }, 180_000);
});

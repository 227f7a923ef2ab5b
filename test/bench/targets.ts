// The targets of issue 20, computed from the figures of one `npm run bench -- --json`
// report. A target whose figure the run did not measure has measured null, met false.

export interface Target {
  name: string;
  measured: number | null;
  target: number;
  unit: string;
  met: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: report rows are plain JSON
type Row = any;

const num = (x: unknown): number | null => (typeof x === "number" && Number.isFinite(x) ? x : null);

function entry(name: string, measured: number | null, target: number, unit: string, strict = false): Target {
  const met = measured !== null && (strict ? measured < target : measured <= target);
  return { name, measured, target, unit, met };
}

export function computeTargets(report: Row): Target[] {
  const api = (pods: number): Row => (report.apiserver ?? []).find((a: Row) => a?.pods === pods && !a.error);
  const synth = (pods: number): Row => (report.analysis ?? []).find((a: Row) => a?.pods === pods && !a.error);
  const at10k = api(10_000);
  const at50k = api(50_000);
  const s150 = synth(150_000);
  const ev = report.events;
  // The event target is at 1,000 events/s on 10,000 pods; a run at another rate or size does not measure it.
  const events = ev && ev.pods === 10_000 && ev.targetRate >= 1000 && !ev.error ? ev : undefined;
  const fuzzy = report.fuzzy?.pods === 150_000 && !report.fuzzy.error ? report.fuzzy : undefined;
  const idle = report.idle && !report.idle.error ? report.idle : undefined;
  return [
    entry("live first complete analysis / floor, 10,000 pods", num(at10k?.scanOverFloor), 2.0, "×"),
    entry("live first complete analysis / floor, 50,000 pods", num(at50k?.scanOverFloor), 2.0, "×"),
    entry("live TUI first frame, 10,000 pods", num(at10k?.tui?.firstFrameMs), 300, "ms"),
    entry("live TUI all kinds live / floor, 10,000 pods", num(at10k?.tuiLiveOverFloor), 2.5, "×"),
    entry("live TUI peak RSS, 10,000 pods", num(at10k?.tui?.peakRssMb), 350, "MiB"),
    entry("first complete analysis, synthetic 150,000 pods", num(s150?.firstAnalysisMs), 10_000, "ms"),
    entry("peak RSS, synthetic 150,000 pods", num(s150?.peakRssMb), 700, "MiB"),
    entry("event → frame p99 at 1,000 events/s, 10,000 pods", num(events?.p99Ms), 100, "ms"),
    entry("keystroke → frame p99, 150,000 pods", num(fuzzy?.frameP99Ms), 16, "ms"),
    entry("idle CPU", num(idle?.cpuPercent), 1, "% of a core", true),
  ];
}

// Sustained events through the whole pipeline: modified-pod events at a fixed
// rate into the store, the real Controller (≤10 analyses/s) and the Ink App.
// Each event turns one more pod privileged, so the header's critical count
// says exactly which events a frame reflects: event → frame latency.
import { performance } from "node:perf_hooks";
import { Controller } from "../../src/app/controller.js";
import type { KObject } from "../../src/cluster/objects.js";
import type { SourceEvent } from "../../src/cluster/source.js";
import { Session } from "../../src/commands/session.js";
import { mountTui } from "./ink-null.js";
import { peakRssMb, percentile, round1 } from "./proc.js";
import { BenchSource, loadSynthetic } from "./source.js";

export interface EventsBench {
  pods: number;
  targetRate: number;
  seconds: number;
  events: number;
  /** Events actually emitted per second (falls behind when the pipeline blocks the loop). */
  achievedRate: number;
  /** Events reflected on screen within the run. */
  reflected: number;
  frames: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  peakRssMb: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function privileged(pod: KObject): KObject {
  const spec = pod.spec ?? {};
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  return {
    ...pod,
    metadata: { ...pod.metadata, resourceVersion: `${pod.metadata.resourceVersion ?? ""}1` },
    spec: {
      ...spec,
      containers: containers.map((c: Record<string, unknown>, i: number) =>
        i === 0 ? { ...c, securityContext: { ...(c.securityContext ?? {}), privileged: true } } : c,
      ),
    },
  };
}

export async function benchEvents(pods: number, rate: number, seconds: number): Promise<EventsBench> {
  const source = new BenchSource();
  const session = new Session(source);
  await session.start();
  loadSynthetic(source, { pods });
  const controller = new Controller(session);
  const tui = mountTui(controller);
  const critical = () => controller.current.result.findings.filter((f) => f.severity === "critical").length;
  const base = critical();
  // Pods whose template is not privileged: making one privileged adds exactly one critical finding.
  const candidates = session.store
    .list("Pod")
    .filter((p) => !JSON.stringify(p.spec).includes('"privileged":true'))
    .slice(0, rate * seconds);
  const sentAt: number[] = [];
  const latencies: number[] = [];
  let shown = 0;
  let frames = 0;
  tui.onFrame((chunk, at) => {
    frames++;
    const m = /(\d+) critical/.exec(chunk);
    if (!m) return;
    const reflected = Math.min(Number(m[1]) - base, sentAt.length);
    for (; shown < reflected; shown++) latencies.push(at - sentAt[shown]!);
  });
  await sleep(300);

  const tick = 10;
  const perTick = Math.max(1, Math.round((rate * tick) / 1000));
  const start = performance.now();
  let next = 0;
  while (next < candidates.length) {
    const due = Math.min(candidates.length, Math.floor(((performance.now() - start) / 1000) * rate) + perTick);
    const batch: SourceEvent[] = [];
    const now = performance.now();
    for (; next < due; next++) {
      batch.push({ type: "modified", object: privileged(candidates[next]!) });
      sentAt.push(now);
    }
    if (batch.length) source.emit(batch);
    await sleep(tick);
  }
  const elapsed = (performance.now() - start) / 1000;
  // Let the last throttled analysis and frame land.
  for (let i = 0; i < 50 && shown < sentAt.length; i++) await sleep(100);
  tui.unmount();
  controller.dispose();
  session.stop();
  latencies.sort((a, b) => a - b);
  return {
    pods,
    targetRate: rate,
    seconds,
    events: sentAt.length,
    achievedRate: Math.round(sentAt.length / elapsed),
    reflected: shown,
    frames,
    p50Ms: round1(percentile(latencies, 50)),
    p99Ms: round1(percentile(latencies, 99)),
    maxMs: round1(latencies[latencies.length - 1] ?? Number.NaN),
    peakRssMb: peakRssMb(),
  };
}

// Time to first complete analysis and peak RSS for one synthetic cluster size.
// Run in its own child process (see run.ts) so sizes do not share a heap.
import { performance } from "node:perf_hooks";
import { project } from "../../src/cluster/project.js";
import { Session } from "../../src/commands/session.js";
import { syntheticCluster } from "./generate.js";
import { peakRssMb } from "./proc.js";
import { BenchSource, loadSynthetic } from "./source.js";

export interface AnalysisBench {
  pods: number;
  objects: number;
  namespaces: number;
  findings: number;
  /** Projection + store (the source's share of the pipeline). */
  ingestMs: number;
  /** The first analyzer.run() over the complete store. */
  analyzeMs: number;
  /** ingest + analyze: source events → store → first complete analysis. */
  firstAnalysisMs: number;
  /** One pod modified, then analyzer.run() (the per-update cost while watching). */
  podUpdateMs: number;
  peakRssMb: number;
  /** Live heap (after a full GC) with the store loaded, before any analysis. */
  storeHeapMb: number;
  /** Live heap (after a full GC) with the store, the engines' caches and the last result. */
  heapUsedMb: number;
}

/** Heap still in use after a full GC (needs --expose-gc, which run.ts passes to children). */
function liveHeapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().heapUsed / 2 ** 20);
}

export async function benchAnalysis(pods: number, updates = 5, seed = 42): Promise<AnalysisBench> {
  const source = new BenchSource();
  const session = new Session(source);
  await session.start();
  const loaded = loadSynthetic(source, { pods, seed });
  const storeHeapMb = liveHeapMb();
  const t0 = performance.now();
  const result = session.analyze();
  const analyzeMs = performance.now() - t0;

  // A steady-state update: one existing pod turns privileged.
  const victim = session.store.list("Pod")[Math.floor(loaded.pods / 2)]!;
  const raw = [...syntheticCluster({ pods: 1, seed: 7 })].find((o) => o.kind === "Pod")!;
  const changed = project({
    ...raw,
    metadata: { ...victim.metadata },
    spec: { ...victim.spec, containers: [{ name: "app", image: "x", securityContext: { privileged: true } }] },
  })!;
  const times: number[] = [];
  for (let i = 0; i < updates; i++) {
    source.emit([{ type: "modified", object: { ...changed } }]);
    const t1 = performance.now();
    session.analyze();
    times.push(performance.now() - t1);
  }
  times.sort((a, b) => a - b);
  const out: AnalysisBench = {
    pods: loaded.pods,
    objects: loaded.objects,
    namespaces: session.store.count("Namespace"),
    findings: result.findings.length,
    ingestMs: Math.round(loaded.ingestMs),
    analyzeMs: Math.round(analyzeMs),
    firstAnalysisMs: Math.round(loaded.ingestMs + analyzeMs),
    podUpdateMs: Math.round(times[Math.floor(times.length / 2)]! * 10) / 10,
    peakRssMb: peakRssMb(),
    storeHeapMb,
    heapUsedMb: liveHeapMb(),
  };
  session.stop();
  return out;
}

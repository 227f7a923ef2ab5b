// `kubeward reach --all` on the synthetic cluster (issue 18): the network model's
// connectivity evaluator over every workload pair a policy decides, by equivalence
// classes, and the JSON it prints. Numbers only; no assertion.
import { performance } from "node:perf_hooks";
import { Analyzer } from "../../src/analysis/analyzer.js";
import type { NetworkModel } from "../../src/analysis/models.js";
import { createEngines } from "../../src/analysis/registry.js";
import { project } from "../../src/cluster/project.js";
import type { SourceEvent } from "../../src/cluster/source.js";
import { Store } from "../../src/store/store.js";
import { syntheticCluster } from "./generate.js";

export interface ReachBench {
  pods: number;
  /** analyzer.run() over the complete store (what `reach` needs before it can answer). */
  analyzeMs: number;
  /** model.reach({ all: true }): index build + every policy-decided connection. */
  allMs: number;
  /** The same in CPU time of this process (user + system): steadier than wall time on a shared machine. */
  allCpuMs: number;
  /** JSON.stringify of the answer, as `--output json` prints it. */
  jsonMs: number;
  connections: number;
  openIngress: number;
  jsonMb: number;
  /** One `--to` query after --all (index built, sides cached). */
  toMs: number;
}

export function benchReach(pods: number, seed = 42): ReachBench {
  const store = new Store();
  const events: SourceEvent[] = [];
  for (const raw of syntheticCluster({ pods, seed })) {
    const object = project(raw);
    if (object) events.push({ type: "added", object });
  }
  store.apply(events);
  let t = performance.now();
  const result = new Analyzer(store, createEngines()).run();
  const analyzeMs = performance.now() - t;
  const model = result.models.get("network") as NetworkModel;
  t = performance.now();
  const cpu = process.cpuUsage();
  const all = model.reach!({ all: true });
  const allMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  t = performance.now();
  const json = JSON.stringify({ connections: all.connections, open: all.open }, null, 2);
  const jsonMs = performance.now() - t;
  const first = all.connections.find((c) => "name" in c.to)?.to;
  t = performance.now();
  if (first && "name" in first) model.reach!({ to: `${first.namespace}/${first.kind}/${first.name}` });
  const toMs = performance.now() - t;
  return {
    pods,
    analyzeMs: Math.round(analyzeMs),
    allMs: Math.round(allMs),
    allCpuMs: Math.round((used.user + used.system) / 1000),
    jsonMs: Math.round(jsonMs),
    connections: all.connections.length,
    openIngress: all.open?.ingress.length ?? 0,
    jsonMb: Math.round(json.length / 2 ** 20),
    toMs: Math.round(toMs),
  };
}

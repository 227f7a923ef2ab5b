// Builds stores and analysis results from raw objects, for unit and component tests.
import { type AnalysisResult, Analyzer } from "../../src/analysis/analyzer.js";
import { type AnalysisOptions, DEFAULT_OPTIONS } from "../../src/analysis/engine.js";
import { createEngines } from "../../src/analysis/registry.js";
import { project } from "../../src/cluster/project.js";
import type { SourceEvent } from "../../src/cluster/source.js";
import { Store } from "../../src/store/store.js";

export function storeOf(raws: readonly unknown[]): Store {
  const store = new Store();
  const events: SourceEvent[] = [];
  for (const raw of raws) {
    const object = project(raw);
    if (object) events.push({ type: "added", object });
  }
  store.apply(events);
  return store;
}

export function analyze(
  raws: readonly unknown[],
  options: AnalysisOptions = DEFAULT_OPTIONS,
): { store: Store; result: AnalysisResult } {
  const store = storeOf(raws);
  const result = new Analyzer(store, createEngines(), options).run();
  return { store, result };
}

type Json = Record<string, unknown>;

/** A bare pod with the given spec; fields default to a harmless container. */
export function podWith(spec: Json, meta: Json = {}): Json {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "p", namespace: "t", uid: "uid-p", ...meta },
    spec: { containers: [{ name: "app", image: "busybox:1.36" }], ...spec },
  };
}

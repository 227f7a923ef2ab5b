// A hand-fed source for the benches: the bench pushes batches of events through
// `emit`, the way the live source does after each list page or watch event.
import { performance } from "node:perf_hooks";
import { KINDS } from "../../src/cluster/objects.js";
import { project } from "../../src/cluster/project.js";
import type { Source, SourceEvent } from "../../src/cluster/source.js";
import { type GenOptions, syntheticCluster } from "./generate.js";

export class BenchSource implements Source {
  readonly info = { kind: "live" as const, context: "bench", cluster: "synthetic", user: "bench" };
  readonly kinds = KINDS.map((k) => k.kind);
  emit: (events: SourceEvent[]) => void = () => {};
  async start(emit: (events: SourceEvent[]) => void): Promise<void> {
    this.emit = emit;
  }
  stop(): void {}
  problems() {
    return [];
  }
}

export interface Loaded {
  objects: number;
  pods: number;
  /** Time spent projecting raw objects and applying them to the store (generation excluded). */
  ingestMs: number;
}

/**
 * Feeds a synthetic cluster through project() → emit in list-page-sized batches, then marks every kind synced.
 * Each page goes through JSON text first, as the live source parses each list page's body: objects get flat,
 * unshared strings and fresh nested objects exactly as from the wire (the parse is not counted in ingestMs,
 * as kubectl's own parse is part of the time it is compared with).
 */
export function loadSynthetic(source: BenchSource, opts: GenOptions, page = 500): Loaded {
  let ingestMs = 0;
  let objects = 0;
  let pods = 0;
  let raws: Record<string, unknown>[] = [];
  const flush = () => {
    const parsed = JSON.parse(JSON.stringify({ items: raws })) as { items: Record<string, unknown>[] };
    const t0 = performance.now();
    const events: SourceEvent[] = [];
    for (const raw of parsed.items) {
      const object = project(raw);
      if (object) events.push({ type: "added", object });
    }
    source.emit(events);
    ingestMs += performance.now() - t0;
    raws = [];
  };
  for (const raw of syntheticCluster(opts)) {
    objects++;
    if (raw.kind === "Pod") pods++;
    raws.push(raw);
    if (raws.length >= page) flush();
  }
  flush();
  const t0 = performance.now();
  source.emit(
    source.kinds.flatMap((kind): SourceEvent[] => [
      { type: "status", kind, state: "connected" },
      { type: "synced", kind },
    ]),
  );
  ingestMs += performance.now() - t0;
  return { objects, pods, ingestMs };
}

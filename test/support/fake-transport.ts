// A scripted Transport for unit tests of the watch engine (never the proof that
// live mode works: test/cluster does that against a real API server).
import { ApiError } from "../../src/cluster/live/errors.js";
import type { Transport, WatchEvent } from "../../src/cluster/live/transport.js";

export type ListReply = unknown | Error;
export interface WatchReply {
  events: WatchEvent[];
  /** How the stream ends after its events: cleanly, with an error, or never (until abort). */
  end: "clean" | "hang" | Error;
}

export class FakeTransport implements Transport {
  readonly server = "https://fake.invalid";
  readonly calls: { path: string; accept: string; watch: boolean }[] = [];

  constructor(
    private readonly lists: ((path: string) => ListReply)[],
    private readonly watches: WatchReply[] = [],
  ) {}

  async getJson(path: string, accept: string): Promise<unknown> {
    this.calls.push({ path, accept, watch: false });
    const next = this.lists.shift();
    if (!next) throw new ApiError(500, undefined, "no scripted list left");
    const reply = next(path);
    if (reply instanceof Error) throw reply;
    return reply;
  }

  async watch(
    path: string,
    accept: string,
    signal: AbortSignal,
    onOpen: () => void,
    onEvent: (e: WatchEvent) => void,
  ): Promise<void> {
    this.calls.push({ path, accept, watch: true });
    const next = this.watches.shift() ?? { events: [], end: "hang" as const };
    onOpen();
    for (const e of next.events) onEvent(e);
    if (next.end instanceof Error) throw next.end;
    if (next.end === "hang" && !signal.aborted)
      await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
  }
}

export function podRaw(name: string, rv: string, namespace = "ns1", extra: Record<string, unknown> = {}) {
  return {
    metadata: { name, namespace, uid: `uid-${name}`, resourceVersion: rv },
    spec: { containers: [{ name: "c", image: "nginx" }] },
    ...extra,
  };
}

export function listOf(items: unknown[], rv: string, cont?: string) {
  return {
    kind: "PodList",
    apiVersion: "v1",
    metadata: { resourceVersion: rv, ...(cont ? { continue: cont } : {}) },
    items,
  };
}

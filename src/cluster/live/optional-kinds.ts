// The live source's optional kinds (KindInfo.optional): discovered first, watched
// only when the server serves them. A kind that is not served is "not installed"
// and synced (empty), never an error. A 403 on discovery itself makes only these
// kinds forbidden; the core kinds never wait for discovery.
import type { KindInfo } from "../objects.js";
import type { KindState, SourceEvent } from "../source.js";
import { Backoff, type BackoffOptions, sleep } from "./backoff.js";
import { discover } from "./discovery.js";
import { classify } from "./errors.js";
import type { Transport } from "./transport.js";

export interface OptionalKindsOptions {
  transport: Transport;
  emit: (events: SourceEvent[]) => void;
  /** false: discover once and stop (scan mode). */
  watch: boolean;
  /** Starts the watcher of a served kind; it calls `gone` when the kind stops being served (404). */
  startWatcher: (info: KindInfo, gone: () => void) => void;
  /** How often to look again for kinds that are not installed (watch mode). Default 60 s. */
  rediscoverMs?: number;
  backoff?: BackoffOptions;
  forbiddenRetryMs?: number;
  random?: () => number;
}

const DISCOVERY_PATHS = "get /api and /apis (API discovery)";

export async function runOptionalKinds(
  kinds: readonly KindInfo[],
  options: OptionalKindsOptions,
  signal: AbortSignal,
): Promise<void> {
  const pending = new Set(kinds);
  const last = new Map<string, string>();
  const backoff = new Backoff(options.backoff ?? { initialMs: 500, maxMs: 10_000 }, options.random);
  const slow = options.forbiddenRetryMs ?? 60_000;
  const forbiddenBackoff = new Backoff({ initialMs: Math.min(2000, slow), maxMs: slow }, options.random);
  const status = (info: KindInfo, state: KindState, message?: string, synced = false): SourceEvent[] => {
    const key = `${state}\0${message ?? ""}`;
    if (last.get(info.kind) === key) return [];
    last.set(info.kind, key);
    const events: SourceEvent[] = [{ type: "status", kind: info.kind, state, ...(message ? { message } : {}) }];
    if (synced) events.push({ type: "synced", kind: info.kind });
    return events;
  };

  while (!signal.aborted) {
    if (!pending.size) {
      if (!options.watch) return;
      await sleep(options.rediscoverMs ?? 60_000, signal);
      continue;
    }
    const events: SourceEvent[] = [];
    let delay: number | undefined;
    try {
      const found = await discover(options.transport, signal, [...pending]);
      backoff.reset();
      forbiddenBackoff.reset();
      for (const info of [...pending]) {
        const problem = found.problem?.(info.apiVersion);
        if (found.serves(info.apiVersion, info.plural)) {
          pending.delete(info);
          last.delete(info.kind);
          options.startWatcher(info, () => pending.add(info));
        } else if (problem) {
          const c = classify(problem, options.transport.server);
          if (c.class === "forbidden") {
            events.push(
              ...status(info, "forbidden", `missing permission: get /apis/${info.apiVersion} (API discovery)`),
            );
            delay = Math.max(delay ?? 0, forbiddenBackoff.next());
          } else {
            events.push(...status(info, "reconnecting", c.message));
            delay = Math.max(delay ?? 0, backoff.next());
          }
        } else {
          events.push(...status(info, "not-installed", undefined, true));
        }
      }
    } catch (err) {
      if (signal.aborted) return;
      const c = classify(err, options.transport.server);
      const state: KindState =
        c.class === "forbidden"
          ? "forbidden"
          : c.class === "unauthorized" || c.class === "auth" || c.class === "tls"
            ? "error"
            : "reconnecting";
      const message = c.class === "forbidden" ? `missing permission: ${DISCOVERY_PATHS}` : c.message;
      for (const info of pending) events.push(...status(info, state, message));
      delay = state === "forbidden" ? forbiddenBackoff.next() : backoff.next();
    }
    if (events.length) options.emit(events);
    // Scan mode stops once every kind is watched, not installed or forbidden (settled).
    if (!options.watch && [...pending].every((k) => /^(not-installed|forbidden|error)\0/.test(last.get(k.kind) ?? "")))
      return;
    await sleep(delay ?? options.rediscoverMs ?? 60_000, signal);
  }
}

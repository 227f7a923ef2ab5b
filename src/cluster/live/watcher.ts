// One kind's list-then-watch loop (DESIGN §1): paginated list, watch from the
// list's resourceVersion with bookmarks, relist on 410 Gone, capped jittered
// backoff on any other error, and a slow retry when RBAC forbids the kind.
// It keeps the objects it has emitted so a relist converges to the exact state.
import { isRecord } from "../../util/record.js";
import type { KindInfo, KObject } from "../objects.js";
import { project } from "../project.js";
import type { KindState, SourceEvent } from "../source.js";
import { Backoff, type BackoffOptions, sleep } from "./backoff.js";
import { ApiError, classify, missingPermission } from "./errors.js";
import {
  JSON_ACCEPT,
  METADATA_LIST_ACCEPT,
  METADATA_WATCH_ACCEPT,
  type Transport,
  type WatchEvent,
} from "./transport.js";

export interface WatcherOptions {
  transport: Transport;
  emit: (events: SourceEvent[]) => void;
  /** List only namespaced kinds in this namespace (--namespace). */
  namespace?: string;
  /** Namespace to fall back to when a cluster-wide list is forbidden. */
  fallbackNamespace?: string;
  onFallback?: (kind: string, namespace: string) => void;
  /** An optional kind answered 404 (its CRD was removed): the watcher has emitted "not-installed" and stopped. */
  onNotInstalled?: () => void;
  /** false: list once and stop (scan mode). */
  watch: boolean;
  pageSize?: number;
  backoff?: BackoffOptions;
  /** Delay before retrying a forbidden kind (permissions may be granted later). */
  forbiddenRetryMs?: number;
  /** Delay before retrying after 401 or an auth plugin failure. */
  authRetryMs?: number;
  random?: () => number;
}

// A TUI user waits for the reconnect: cap at 10 s (18 requests per 10 s is nothing for an API server).
const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 10_000 };

function resourceVersionOf(v: unknown): string | undefined {
  if (!isRecord(v) || !isRecord(v.metadata)) return undefined;
  const rv = v.metadata.resourceVersion;
  return typeof rv === "string" && rv ? rv : undefined;
}

export function collectionPath(info: KindInfo, namespace: string | undefined, query: Record<string, string>): string {
  const prefix = info.apiVersion.includes("/") ? `/apis/${info.apiVersion}` : `/api/${info.apiVersion}`;
  const ns = info.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  const qs = new URLSearchParams(query).toString();
  return `${prefix}${ns}/${info.plural}${qs ? `?${qs}` : ""}`;
}

export class KindWatcher {
  /** uid → the object last emitted for it. */
  private readonly known = new Map<string, KObject>();
  private resourceVersion: string | undefined;
  private scope: string | undefined;
  private readonly backoff: Backoff;
  private readonly forbiddenBackoff: Backoff;
  private lastStatus = "";
  /** How many full lists were made (for tests and diagnostics). */
  lists = 0;

  constructor(
    readonly info: KindInfo,
    private readonly options: WatcherOptions,
  ) {
    this.backoff = new Backoff(options.backoff ?? DEFAULT_BACKOFF, options.random);
    // Permissions may be granted later (or the API server's RBAC cache is still warming up):
    // retry soon, then slowly.
    const slow = options.forbiddenRetryMs ?? 60_000;
    this.forbiddenBackoff = new Backoff({ initialMs: Math.min(2000, slow), maxMs: slow }, options.random);
    // --namespace applies to namespaced kinds only; Namespaces are narrowed by name.
    this.scope = info.namespaced ? options.namespace : undefined;
  }

  get namespace(): string | undefined {
    return this.scope;
  }

  private status(state: KindState, message?: string): void {
    const key = `${state}\0${message ?? ""}`;
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    this.options.emit([{ type: "status", kind: this.info.kind, state, ...(message ? { message } : {}) }]);
  }

  private project(raw: unknown): KObject | undefined {
    try {
      // A one-shot list (scan) keeps its objects only until the report: sharing their
      // subtrees (cluster/intern.ts) would cost it ~a sixth of its time and save memory
      // nobody keeps (10,000 pods: ingest ~0.9 s less, ~40 MB more heap).
      return project(raw, this.info.kind, { share: this.options.watch });
    } catch {
      return undefined; // an object without a name cannot come from the API; skip rather than stop
    }
  }

  /** Runs until the signal aborts (or, without watch, until the first complete list). */
  async run(signal: AbortSignal): Promise<void> {
    let needList = true;
    this.status("connecting");
    while (!signal.aborted) {
      let verb = "list";
      try {
        if (needList) {
          await this.list(signal);
          needList = false;
          if (!this.options.watch) return;
        }
        verb = "watch";
        await this.watchOnce(signal);
        // A clean end (timeoutSeconds): resume from the last resourceVersion at once.
      } catch (err) {
        if (signal.aborted) return;
        if (this.info.optional && err instanceof ApiError && err.status === 404) {
          this.uninstalled();
          return;
        }
        const c = classify(err, this.options.transport.server);
        switch (c.class) {
          case "gone":
            needList = true;
            this.resourceVersion = undefined;
            break;
          case "forbidden": {
            const fallback = this.options.fallbackNamespace;
            // Fall back only when the kind never listed cluster-wide: a 403 right after an API
            // server restart (RBAC cache not warm yet) must not narrow the scope for good.
            if (this.info.namespaced && !this.scope && fallback && this.lists === 0) {
              this.scope = fallback;
              this.options.onFallback?.(this.info.kind, fallback);
              needList = true;
              break;
            }
            let what = missingPermission(verb, this.info.plural, this.info.apiVersion, this.scope);
            if (this.scope && !this.options.namespace) what = `${what} (nor at cluster scope)`;
            this.status("forbidden", `missing permission: ${what}${this.known.size ? " (showing the last list)" : ""}`);
            await sleep(this.forbiddenBackoff.next(), signal);
            needList = true;
            break;
          }
          case "unauthorized":
          case "auth":
          case "tls":
            this.status("error", c.message);
            await sleep(this.jittered(this.options.authRetryMs ?? 30_000), signal);
            break;
          default:
            this.status("reconnecting", c.message);
            await sleep(this.backoff.next(), signal);
        }
      }
    }
  }

  /** The kind is no longer served: its objects are gone, it is synced and empty. */
  private uninstalled(): void {
    const events: SourceEvent[] = [...this.known.values()].map((object) => ({ type: "deleted", object }));
    this.known.clear();
    this.resourceVersion = undefined;
    this.lastStatus = "not-installed\0";
    events.push(
      { type: "status", kind: this.info.kind, state: "not-installed" },
      { type: "synced", kind: this.info.kind },
    );
    this.options.emit(events);
    this.options.onNotInstalled?.();
  }

  private jittered(ms: number): number {
    return Math.round(ms * (0.75 + 0.5 * (this.options.random ?? Math.random)()));
  }

  /** Lists every page, then emits one batch that makes the store equal to the list. */
  private async list(signal: AbortSignal): Promise<void> {
    const accept = this.info.metadataOnly ? METADATA_LIST_ACCEPT : JSON_ACCEPT;
    const fresh = new Map<string, KObject>();
    let cont: string | undefined;
    let rv: string | undefined;
    do {
      const query: Record<string, string> = { limit: String(this.options.pageSize ?? 500) };
      if (cont) query.continue = cont;
      if (this.info.kind === "Namespace" && this.options.namespace)
        query.fieldSelector = `metadata.name=${this.options.namespace}`;
      const page = await this.options.transport.getJson(collectionPath(this.info, this.scope, query), accept, signal);
      // An empty PartialObjectMetadataList comes with "items": null.
      if (isRecord(page) && page.items === null) page.items = [];
      if (!isRecord(page) || !Array.isArray(page.items))
        throw new ApiError(
          200,
          "BadResponse",
          `the API server sent a malformed ${this.info.kind} list${isRecord(page) ? ` (kind ${String(page.kind)})` : ""}`,
        );
      if (this.info.metadataOnly && page.kind !== "PartialObjectMetadataList")
        throw new ApiError(200, "BadResponse", `the API server cannot list ${this.info.plural} metadata-only`);
      for (const raw of page.items) {
        const obj = this.project(raw);
        if (obj) fresh.set(obj.metadata.uid, obj);
      }
      const meta = isRecord(page.metadata) ? page.metadata : {};
      cont = typeof meta.continue === "string" && meta.continue ? meta.continue : undefined;
      rv = typeof meta.resourceVersion === "string" ? meta.resourceVersion : rv;
    } while (cont);
    this.lists++;
    this.resourceVersion = rv;
    const events: SourceEvent[] = [];
    for (const [uid, old] of this.known) if (!fresh.has(uid)) events.push({ type: "deleted", object: old });
    for (const [uid, obj] of fresh) {
      const old = this.known.get(uid);
      const unchanged = old?.metadata.resourceVersion && old.metadata.resourceVersion === obj.metadata.resourceVersion;
      if (!unchanged) events.push({ type: old ? "modified" : "added", object: obj });
    }
    this.known.clear();
    for (const [uid, obj] of fresh) this.known.set(uid, obj);
    this.lastStatus = `connected\0`;
    events.push({ type: "synced", kind: this.info.kind }, { type: "status", kind: this.info.kind, state: "connected" });
    this.options.emit(events);
    this.backoff.reset();
    this.forbiddenBackoff.reset();
  }

  private async watchOnce(signal: AbortSignal): Promise<void> {
    const query: Record<string, string> = {
      watch: "1",
      allowWatchBookmarks: "true",
      // Let the server end the watch cleanly every 5-10 minutes, as client-go does.
      timeoutSeconds: String(300 + Math.floor(300 * (this.options.random ?? Math.random)())),
    };
    if (this.resourceVersion) query.resourceVersion = this.resourceVersion;
    if (this.info.kind === "Namespace" && this.options.namespace)
      query.fieldSelector = `metadata.name=${this.options.namespace}`;
    const accept = this.info.metadataOnly ? METADATA_WATCH_ACCEPT : JSON_ACCEPT;
    await this.options.transport.watch(
      collectionPath(this.info, this.scope, query),
      accept,
      signal,
      () => {
        this.status("connected");
        this.backoff.reset();
        this.forbiddenBackoff.reset();
      },
      (event) => this.handle(event),
    );
  }

  private handle(event: WatchEvent): void {
    if (event.type === "ERROR") {
      const s = isRecord(event.object) ? event.object : {};
      throw new ApiError(
        typeof s.code === "number" ? s.code : 500,
        typeof s.reason === "string" ? s.reason : undefined,
        typeof s.message === "string" ? s.message : "watch error",
      );
    }
    const rv = resourceVersionOf(event.object);
    if (event.type === "BOOKMARK") {
      if (rv) this.resourceVersion = rv;
      return;
    }
    if (this.info.metadataOnly && isRecord(event.object) && event.object.kind !== "PartialObjectMetadata")
      throw new ApiError(200, "BadResponse", `the API server cannot watch ${this.info.plural} metadata-only`);
    const obj = this.project(event.object);
    if (rv) this.resourceVersion = rv;
    if (!obj) return;
    if (event.type === "DELETED") {
      const old = this.known.get(obj.metadata.uid);
      this.known.delete(obj.metadata.uid);
      this.options.emit([{ type: "deleted", object: old ?? obj }]);
    } else if (event.type === "ADDED" || event.type === "MODIFIED") {
      const old = this.known.get(obj.metadata.uid);
      this.known.set(obj.metadata.uid, obj);
      this.options.emit([{ type: old ? "modified" : "added", object: obj }]);
    }
  }
}

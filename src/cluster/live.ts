// The live source: a kubeconfig context, watched kind by kind (DESIGN §1).
// Creating it is cheap; client-node (~0.6 s to import) loads inside start(),
// after the TUI has drawn its first frame.

import type { KubeconfigLocation } from "./kubeconfig.js";
import { effectiveNamespace } from "./namespace.js";
import { KINDS, type KindInfo } from "./objects.js";
import { parseServerVersion, type ServerInfo, serverInfoObject } from "./server-info.js";
import type { Source, SourceEvent, SourceInfo, SourceProblem } from "./source.js";

export interface LiveOptions {
  kubeconfig: KubeconfigLocation;
  context?: string;
  namespace?: string;
  /** false: list every kind once and stop (scan mode). Default true. */
  watch?: boolean;
  /**
   * "throw": start() rejects on a kubeconfig error, an unreachable server or
   * rejected credentials (scan: one line, exit 2). "report": it resolves and the
   * problem shows in the header while the watchers keep retrying (TUI).
   */
  onFatal?: "throw" | "report";
  /** false: no anonymous probe (--no-probe). Default true. */
  probe?: boolean;
}

/** A problem that ends a report run (bad kubeconfig, unreachable, 401). */
export class LiveError extends Error {}

export class LiveSource implements Source {
  readonly info: SourceInfo = { kind: "live" };
  readonly kinds = KINDS.map((k) => k.kind);
  private readonly abort = new AbortController();
  private readonly fallbacks = new Map<string, string>();
  private stopCallbacks: (() => void)[] = [];
  private contextNames: string[] = [];

  constructor(readonly options: LiveOptions) {
    if (options.context) this.info.context = options.context;
    if (options.namespace) this.info.namespace = options.namespace;
  }

  coverage(): ReadonlyMap<string, string> {
    return this.fallbacks;
  }

  contexts(): string[] {
    return this.contextNames;
  }

  /** The same kubeconfig and flags, on another context (for :ctx). */
  forContext(context: string): LiveSource {
    return new LiveSource({ ...this.options, context });
  }

  async start(emit: (events: SourceEvent[]) => void): Promise<void> {
    const fatal = (message: string): void => {
      if (this.options.onFatal === "throw") throw new LiveError(message);
      this.info.note = message;
      emit(this.kinds.map((kind) => ({ type: "status", kind, state: "error", message })));
    };
    const [{ connect, KubeconfigError }, { KindWatcher }, { Batcher }, { classify }, { runOptionalKinds }] =
      await Promise.all([
        import("./live/connect.js"),
        import("./live/watcher.js"),
        import("./live/batcher.js"),
        import("./live/errors.js"),
        import("./live/optional-kinds.js"),
      ]);
    if (this.abort.signal.aborted) return;
    let conn: ReturnType<typeof connect>;
    try {
      conn = connect(this.options.kubeconfig, this.options.context);
    } catch (err) {
      if (err instanceof KubeconfigError) return fatal(err.message);
      throw err;
    }
    this.contextNames = conn.contexts;
    this.stopCallbacks.push(() => conn.transport.close());
    Object.assign(this.info, {
      context: conn.context,
      cluster: conn.cluster,
      ...(conn.user ? { user: conn.user } : {}),
    });
    // One cheap GET first, so a wrong server or bad credentials is one clear line.
    const server: ServerInfo = {};
    try {
      const version = parseServerVersion(
        await conn.transport.getJson("/version", "application/json", this.abort.signal),
      );
      if (version) {
        server.version = version;
        this.info.serverVersion = version.gitVersion;
      }
    } catch (err) {
      if (this.abort.signal.aborted) return;
      const c = classify(err, conn.server);
      if (c.class !== "transient" && c.class !== "gone" && c.class !== "forbidden") {
        fatal(`context "${conn.context}": ${c.message}`);
        if (c.class === "tls") return; // retrying cannot fix a certificate mismatch
      }
    }
    const connectionNote = this.info.note;
    const batcher = new Batcher((events) => {
      // Once a kind connects, the "cannot reach" note from the first try is stale.
      if (
        connectionNote &&
        this.info.note === connectionNote &&
        events.some((e) => e.type === "status" && e.state === "connected")
      )
        delete this.info.note;
      emit(events);
    });
    this.stopCallbacks.push(() => batcher.close());
    const publishServer = () => batcher.push([{ type: "added", object: serverInfoObject({ ...server }) }]);
    if (server.version) publishServer();
    // The served group versions, for the alpha-API check (discovery is the supply branch's: same two GETs).
    const served = import("./live/discovery.js")
      .then(({ discover }) => discover(conn.transport, this.abort.signal, []))
      .then((d) => {
        if (this.abort.signal.aborted) return;
        server.groupVersions = [...d.groupVersions].sort();
        publishServer();
      })
      .catch(() => {}); // forbidden or unreachable: the alpha check stays silent, the optional kinds say why
    let probed: Promise<void> = Promise.resolve();
    if (this.options.probe !== false) {
      this.info.probe = "anonymous probe: running";
      const { probeAnonymous } = await import("./live/probe.js");
      const probe = probeAnonymous(conn.kc, conn.server, this.abort.signal).then((p) => {
        if (this.abort.signal.aborted) return;
        server.probe = p;
        const answered = p.answers.filter((a) => a.status !== undefined && a.status !== 401);
        this.info.probe = `anonymous probe: ${answered.length ? `answered (${answered.map((a) => `${a.path} ${a.status}`).join(", ")})` : p.answers.every((a) => a.status === 401) ? "refused (401)" : "no answer"}`;
        publishServer();
      });
      // Never rejects: the TUI does not await it, the scan awaits it below.
      probed = probe.catch(() => {});
    }
    const fallbackNamespace = this.options.namespace ? undefined : effectiveNamespace(conn.namespace);
    const watch = this.options.watch ?? true;
    const startWatcher = (info: KindInfo, onNotInstalled?: () => void): void => {
      new KindWatcher(info, {
        transport: conn.transport,
        emit: (events) => batcher.push(events),
        ...(this.options.namespace ? { namespace: this.options.namespace } : {}),
        ...(fallbackNamespace ? { fallbackNamespace } : {}),
        onFallback: (kind, ns) => this.noteFallback(kind, ns),
        ...(onNotInstalled ? { onNotInstalled } : {}),
        watch,
      })
        .run(this.abort.signal)
        .catch((err: unknown) =>
          batcher.push([
            { type: "status", kind: info.kind, state: "error", message: String((err as Error)?.message ?? err) },
          ]),
        );
    };
    for (const info of KINDS) if (!info.optional) startWatcher(info);
    // Optional kinds (CRDs, alpha APIs) are watched only when API discovery says they are served.
    const optional = KINDS.filter((k) => k.optional);
    if (optional.length) {
      runOptionalKinds(
        optional,
        { transport: conn.transport, emit: (events) => batcher.push(events), watch, startWatcher },
        this.abort.signal,
      ).catch((err: unknown) =>
        batcher.push(
          optional.map((info) => ({
            type: "status" as const,
            kind: info.kind,
            state: "error" as const,
            message: String((err as Error)?.message ?? err),
          })),
        ),
      );
    }
    // The scan's report must include the served API versions and the probe; the TUI shows
    // them when they come. Awaited only now, after the lists started: before them, these
    // round trips were ~0.5-1 s of every scan spent waiting with nothing listed.
    if (this.options.watch === false) await Promise.all([served, probed]);
  }

  private noteFallback(kind: string, namespace: string): void {
    this.fallbacks.set(kind, namespace);
    this.info.namespace = namespace;
    const kinds = [...this.fallbacks.keys()];
    this.info.note = `cannot list ${kinds.slice(0, 3).join(", ")}${kinds.length > 3 ? ` +${kinds.length - 3}` : ""} cluster-wide: showing namespace ${namespace}`;
  }

  stop(): void {
    this.abort.abort();
    for (const cb of this.stopCallbacks) cb();
    this.stopCallbacks = [];
  }

  problems(): SourceProblem[] {
    return [];
  }
}

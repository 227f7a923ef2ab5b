// A running source feeding the store, with the analyzer over it.
import { type AnalysisResult, Analyzer } from "../analysis/analyzer.js";
import { type AnalysisOptions, DEFAULT_OPTIONS, type Engine } from "../analysis/engine.js";
import { createEngines } from "../analysis/registry.js";
import type { KindGap } from "../analysis/visibility.js";
import type { Source } from "../cluster/source.js";
import { Store } from "../store/store.js";
import type { Baseline } from "../triage/baseline.js";
import { Triage } from "../triage/triage.js";
import { kindGaps } from "./gaps.js";

export class Session {
  readonly store = new Store();
  readonly analyzer: Analyzer;
  /** Accepted risks (config exceptions, annotations, peers' overrides) over this store. */
  readonly triage: Triage;
  /** An earlier JSON report to mark findings new or unchanged against (--baseline). */
  baseline: Baseline | undefined;
  private _source: Source;
  /** Bumped on every context switch: events from an older source are dropped. */
  private generation = 0;

  constructor(
    source: Source,
    readonly options: AnalysisOptions = DEFAULT_OPTIONS,
    engines: Engine[] = createEngines(),
  ) {
    this._source = source;
    this.analyzer = new Analyzer(this.store, engines, options, () => this.gaps());
    this.triage = new Triage(this.store);
  }

  /** The source being read; replaced by switchContext(). */
  get source(): Source {
    return this._source;
  }

  async start(): Promise<void> {
    const generation = this.generation;
    await this._source.start((events) => {
      if (generation === this.generation) this.store.apply(events);
    });
  }

  /**
   * Switches to another kube context without restarting (`:ctx NAME`): stops
   * the source, empties the store and starts reading the new context. Rejects
   * when the source has no contexts (demo, files); errors of the new context
   * itself show as kind statuses, like at startup.
   */
  async switchContext(name: string): Promise<void> {
    const next = this._source.forContext?.(name);
    if (!next) throw new Error(`the ${this._source.info.kind} source has no kube contexts`);
    this._source.stop();
    this.generation++;
    this._source = next;
    this.store.clear();
    await this.start();
  }

  /** Kube contexts the source can switch to (none for the demo and files). */
  contexts(): string[] {
    return this._source.contexts?.() ?? [];
  }

  /** True when every kind the source reads has been listed, or cannot be. */
  settled(): boolean {
    return this.source.kinds.every((k) => {
      const s = this.store.kindStatus(k);
      return s?.synced || s?.state === "forbidden" || s?.state === "error";
    });
  }

  /** Resolves once every kind is settled (see settled()) or the timeout passes. */
  async waitForSync(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.settled()) {
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 25));
    }
    return true;
  }

  /** Kinds not (fully) read, per scope: their checks' verdicts are unknown. */
  gaps(): KindGap[] {
    const src = this._source;
    // A live source narrowed to a fallback namespace says so through coverage(), not its scope.
    const scope = src.coverage?.().size ? undefined : src.info.namespace;
    return kindGaps(this.store, src, scope);
  }

  analyze(): AnalysisResult {
    return this.analyzer.run();
  }

  stop(): void {
    this.source.stop();
    this.analyzer.dispose();
    this.triage.dispose();
  }
}

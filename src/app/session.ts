// A running source feeding the store, with the analyzer over it.
import { type AnalysisResult, Analyzer } from "../analysis/analyzer.js";
import { type AnalysisOptions, DEFAULT_OPTIONS, type Engine } from "../analysis/engine.js";
import { createEngines } from "../analysis/registry.js";
import type { Source } from "../cluster/source.js";
import { Store } from "../store/store.js";

export class Session {
  readonly store = new Store();
  readonly analyzer: Analyzer;

  constructor(
    readonly source: Source,
    readonly options: AnalysisOptions = DEFAULT_OPTIONS,
    engines: Engine[] = createEngines(),
  ) {
    this.analyzer = new Analyzer(this.store, engines, options);
  }

  async start(): Promise<void> {
    await this.source.start((events) => this.store.apply(events));
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

  analyze(): AnalysisResult {
    return this.analyzer.run();
  }

  stop(): void {
    this.source.stop();
    this.analyzer.dispose();
  }
}

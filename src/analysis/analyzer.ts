// Runs the engines over the store, recomputing only engines whose inputs
// changed since the last pass (or whose upstream engines recomputed).
import { refKey } from "../cluster/objects.js";
import type { Change, Store } from "../store/store.js";
import {
  type AnalysisContext,
  type AnalysisOptions,
  DEFAULT_OPTIONS,
  type Engine,
  type EngineOutput,
  type NamespaceSummary,
  type SubjectSummary,
  type WorkloadSummary,
} from "./engine.js";
import { compareFindings, type Finding } from "./finding.js";
import { workloadsIn } from "./workloads.js";

export interface AnalysisResult {
  findings: Finding[];
  workloads: WorkloadSummary[];
  namespaces: NamespaceSummary[];
  subjects: SubjectSummary[];
  models: ReadonlyMap<string, unknown>;
  /** Store version this result was computed from. */
  version: number;
}

export class Analyzer {
  private readonly outputs = new Map<string, EngineOutput>();
  private dirtyKinds = new Set<string>();
  private everything = true;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: Store,
    private readonly engines: readonly Engine[],
    private readonly options: AnalysisOptions = DEFAULT_OPTIONS,
  ) {
    this.unsubscribe = store.subscribe((changes: Change[]) => {
      for (const c of changes) this.dirtyKinds.add(c.kind);
    });
  }

  dispose(): void {
    this.unsubscribe();
  }

  run(): AnalysisResult {
    const models = new Map<string, unknown>();
    const findings: Finding[] = [];
    const rerun = new Set<string>();
    for (const engine of this.engines) {
      const stale =
        this.everything ||
        !this.outputs.has(engine.name) ||
        engine.inputs.some((k) => this.dirtyKinds.has(k)) ||
        (engine.after ?? []).some((name) => rerun.has(name));
      let out = this.outputs.get(engine.name);
      if (stale || !out) {
        const ctx: AnalysisContext = { store: this.store, options: this.options, models, findings };
        out = runEngine(engine, ctx);
        this.outputs.set(engine.name, out);
        rerun.add(engine.name);
      }
      if (out.model !== undefined) models.set(engine.name, out.model);
      // A loop, not push(...): spreading 150,000 findings as arguments overflows the stack.
      for (const f of out.findings) findings.push(f);
    }
    this.dirtyKinds = new Set();
    this.everything = false;
    findings.sort(compareFindings);
    return {
      findings,
      workloads: this.workloadSummaries(),
      namespaces: this.namespaceSummaries(),
      subjects: this.subjectSummaries(),
      models,
      version: this.store.version,
    };
  }

  private workloadSummaries(): WorkloadSummary[] {
    return workloadsIn(this.store).map((w) => {
      const s: WorkloadSummary = {
        apiVersion: w.ref.apiVersion,
        kind: w.ref.kind,
        namespace: w.namespace,
        name: w.ref.name,
      };
      for (const out of this.outputs.values()) Object.assign(s, out.workloads?.get(refKey(w.ref)));
      return s;
    });
  }

  private namespaceSummaries(): NamespaceSummary[] {
    return this.store.namespaces().map((name) => {
      const s: NamespaceSummary = { name };
      for (const out of this.outputs.values()) Object.assign(s, out.namespaces?.get(name));
      return s;
    });
  }

  private subjectSummaries(): SubjectSummary[] {
    const merged = new Map<string, SubjectSummary>();
    for (const out of this.outputs.values()) {
      for (const s of out.subjects ?? []) {
        const key = `${s.kind}/${s.namespace ?? ""}/${s.name}`;
        const cur = merged.get(key);
        if (cur) cur.checks = [...new Set([...cur.checks, ...s.checks])].sort();
        else merged.set(key, { ...s, checks: [...new Set(s.checks)].sort() });
      }
    }
    return [...merged.values()].sort((a, b) =>
      `${a.kind}/${a.namespace ?? ""}/${a.name}`.localeCompare(`${b.kind}/${b.namespace ?? ""}/${b.name}`),
    );
  }
}

function runEngine(engine: Engine, ctx: AnalysisContext): EngineOutput {
  try {
    return engine.run(ctx);
  } catch (err) {
    // Invariant 5: an engine bug must not take down the session or the other panels.
    process.emitWarning(`engine ${engine.name} failed: ${String(err)}`);
    return { findings: [] };
  }
}

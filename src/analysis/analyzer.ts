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
  /** The last sorted findings and their members: a run sorts only what is new, then merges. */
  private sorted: Finding[] = [];
  private sortedSet = new Set<Finding>();
  /** Workload summaries by key, with the engine facts they were merged from. */
  private summaries = new Map<string, { parts: unknown[]; summary: WorkloadSummary }>();

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
    return {
      findings: this.sortIncrementally(findings),
      workloads: this.workloadSummaries(),
      namespaces: this.namespaceSummaries(),
      subjects: this.subjectSummaries(),
      models,
      version: this.store.version,
    };
  }

  /**
   * Sorted findings. Engines hand back the same Finding objects while nothing they
   * depend on changed, so only findings not in the last result need sorting; they
   * are merged into the survivors. The order is exactly that of a full sort.
   */
  private sortIncrementally(current: Finding[]): Finding[] {
    const now = new Set(current);
    let result: Finding[];
    const added: Finding[] = [];
    for (const f of now) if (!this.sortedSet.has(f)) added.push(f);
    if (now.size !== current.length || added.length > current.length / 4) {
      result = current.sort(compareFindings);
    } else {
      added.sort(compareFindings);
      const kept: Finding[] = [];
      for (const f of this.sorted) if (now.has(f)) kept.push(f);
      result = mergeSorted(kept, added);
    }
    this.sorted = result;
    this.sortedSet = now;
    // Callers may sort or splice their copy; the cache keeps its own.
    return result.slice();
  }

  private workloadSummaries(): WorkloadSummary[] {
    const outputs = [...this.outputs.values()];
    const next = new Map<string, { parts: unknown[]; summary: WorkloadSummary }>();
    const list = workloadsIn(this.store).map((w) => {
      const key = refKey(w.ref);
      const parts = outputs.map((out) => out.workloads?.get(key));
      const hit = this.summaries.get(key);
      let summary: WorkloadSummary;
      if (hit && hit.summary.apiVersion === w.ref.apiVersion && hit.parts.every((p, i) => p === parts[i])) {
        summary = hit.summary;
      } else {
        summary = { apiVersion: w.ref.apiVersion, kind: w.ref.kind, namespace: w.namespace, name: w.ref.name };
        for (const p of parts) Object.assign(summary, p);
      }
      next.set(key, { parts, summary });
      return summary;
    });
    this.summaries = next;
    return list;
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
        const key = refKey(s);
        const cur = merged.get(key);
        if (cur) cur.checks = [...new Set([...cur.checks, ...s.checks])].sort();
        else merged.set(key, { ...s, checks: [...new Set(s.checks)].sort() });
      }
    }
    return [...merged.values()].sort((a, b) => refKey(a).localeCompare(refKey(b)));
  }
}

/** Merges two arrays sorted by compareFindings (ties keep `a` first, as a stable sort would not care: ties are equal findings). */
function mergeSorted(a: Finding[], b: Finding[]): Finding[] {
  const out: Finding[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = compareFindings(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
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

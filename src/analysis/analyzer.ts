// Runs the engines over the store, recomputing only engines whose inputs
// changed since the last pass (or whose upstream engines recomputed), and merges
// their per-namespace parts (parts.ts) by identity: only the findings and facts of
// changed parts are sorted and merged, so a pod event costs O(its namespace).
import { type KObject, POD_TEMPLATE_PATHS, refKey } from "../cluster/objects.js";
import { OwnerTops } from "../store/owner.js";
import type { Change, Store } from "../store/store.js";
import { patchSorted } from "../util/sorted.js";
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
import { compareFindings, type Finding, shareStrings } from "./finding.js";
import { ModelSet, type Models } from "./models.js";
import { type EnginePart, partsOf, workloadFactIn } from "./parts.js";
import { runOrder } from "./reads.js";
import { applyGaps, type KindGap } from "./visibility.js";
import { type Workload, workloadOf, workloadsIn } from "./workloads.js";

export interface AnalysisResult {
  findings: Finding[];
  workloads: WorkloadSummary[];
  namespaces: NamespaceSummary[];
  subjects: SubjectSummary[];
  models: Models;
  /** Store version this result was computed from. */
  version: number;
  /**
   * Findings (by identity) that joined and left since this analyzer's previous result,
   * so consumers can update in O(changed). Undefined on the first result and when the
   * analyzer re-sorted everything: compare whole lists then.
   */
  changes?: FindingChanges;
}

export interface FindingChanges {
  /** The findings list of the result these changes apply to (a consumer that saw another must compare lists). */
  since: readonly Finding[];
  /** In sorted order. */
  added: readonly Finding[];
  removed: readonly Finding[];
}

/** Per-engine facts for one workload or namespace, by engine index. */
type Facts<T> = (Partial<T> | undefined)[];

export class Analyzer {
  private readonly outputs = new Map<string, EngineOutput>();
  private dirtyKinds = new Set<string>();
  private everything = true;
  /** Workload objects changed since the last run (their summaries' names may have changed). */
  private changedWorkloads: KObject[] = [];
  /** A workload object was added or deleted since the last run: the list's order is rebuilt. */
  private workloadSetChanged = true;
  private readonly unsubscribe: () => void;
  /** The parts each engine's findings and facts were last merged from. */
  private mergedParts: ReadonlyMap<string, EnginePart>[] = [];
  /** The last sorted findings. */
  private sorted: Finding[] = [];
  /**
   * Workload summaries in store order, and each one's index by key. Engine facts are read
   * from the merged parts when a summary is built (no table of facts per workload).
   */
  private workloadList: WorkloadSummary[] = [];
  private workloadIndex = new Map<string, number>();
  /** Namespace summaries, the same way. */
  private namespaceFacts = new Map<string, Facts<NamespaceSummary>>();
  private namespaceSummaryByName = new Map<string, NamespaceSummary>();
  private namespaceList: NamespaceSummary[] = [];
  private namespaceIndex = new Map<string, number>();
  private subjectInputs: unknown[] = [];
  private subjectList: SubjectSummary[] = [];

  private readonly engines: readonly Engine[];

  constructor(
    private readonly store: Store,
    engines: readonly Engine[],
    private readonly options: AnalysisOptions = DEFAULT_OPTIONS,
    /** Kinds the source could not (fully) read: their checks' verdicts are unknown (visibility.ts). */
    private readonly gaps: () => readonly KindGap[] = () => [],
  ) {
    // An engine runs after the engines whose models its checks read (their `after`).
    this.engines = runOrder(engines);
    this.unsubscribe = store.subscribe((changes: Change[]) => {
      for (const c of changes) {
        this.dirtyKinds.add(c.kind);
        if (this.everything || !POD_TEMPLATE_PATHS[c.kind]) continue;
        const moved =
          c.previous !== undefined &&
          (c.previous.metadata.name !== c.object.metadata.name ||
            c.previous.metadata.namespace !== c.object.metadata.namespace);
        if (c.type !== "modified" || moved) this.workloadSetChanged = true;
        else this.changedWorkloads.push(c.object);
      }
    });
  }

  dispose(): void {
    this.unsubscribe();
  }

  run(): AnalysisResult {
    const models = new ModelSet();
    const owners = new OwnerTops(this.store);
    const done = new Map<string, EngineOutput>();
    const rerun = new Set<string>();
    // Engines report per namespace: one that appeared or went (through an object of any
    // kind) is news to every engine, whichever kinds changed.
    const names = this.store.namespaces();
    const namespacesChanged =
      names.length !== this.namespaceList.length || names.some((n, i) => this.namespaceList[i]!.name !== n);
    for (const engine of this.engines) {
      const stale =
        this.everything ||
        namespacesChanged ||
        !this.outputs.has(engine.name) ||
        engine.inputs.some((k) => this.dirtyKinds.has(k)) ||
        (engine.after ?? []).some((name) => rerun.has(name));
      let out = this.outputs.get(engine.name);
      if (stale || !out) {
        out = runEngine(engine, contextOf(this.store, this.options, models, done, owners));
        this.outputs.set(engine.name, out);
        rerun.add(engine.name);
      }
      if (out.model !== undefined) models.set(engine.name, out.model);
      done.set(engine.name, out);
    }
    const parts = this.engines.map((e) => partsOf(this.outputs.get(e.name)!));
    const merged = this.mergeParts(parts);
    this.mergedParts = parts;
    this.dirtyKinds = new Set();
    this.everything = false;
    const result: AnalysisResult = {
      findings: merged.findings,
      ...(merged.changes ? { changes: merged.changes } : {}),
      workloads: this.workloadSummaries(merged.workloads),
      namespaces: this.namespaceSummaries(merged.namespaces),
      subjects: this.subjectSummaries(),
      models,
      version: this.store.version,
    };
    const gaps = this.gaps();
    if (!gaps.length) return result;
    // Verdicts that read a kind with a gap are unknown: filtered here, so every consumer
    // (report, panels) sees the same. Whole lists then: consumers compare, no `changes`.
    const { changes: _whole, ...rest } = result;
    return { ...rest, ...applyGaps(result.findings, result.workloads, result.namespaces, gaps, this.engines) };
  }

  /**
   * Folds what changed between the last merged parts and these into the sorted findings
   * and the fact tables. Engines hand back the same part while its namespace is unchanged,
   * so only the findings of changed parts are sorted, then merged into the survivors; the
   * order is exactly that of a full sort. Returns the sorted findings and the workload keys
   * and namespaces whose facts changed.
   */
  private mergeParts(parts: ReadonlyMap<string, EnginePart>[]): {
    findings: Finding[];
    changes?: FindingChanges;
    workloads: Set<string>;
    namespaces: Set<string>;
  } {
    const removed: Finding[] = [];
    const added: Finding[] = [];
    const workloads = new Set<string>();
    const namespaces = new Set<string>();
    const first = this.mergedParts.length !== parts.length;
    parts.forEach((now, i) => {
      const before = first ? undefined : this.mergedParts[i];
      if (before === now) return;
      const drop = (p: EnginePart) => {
        for (const f of p.findings) removed.push(f);
        for (const key of p.workloads?.keys() ?? []) workloads.add(key);
        for (const name of p.namespaces?.keys() ?? []) {
          namespaces.add(name);
          clearFact(this.namespaceFacts, name, i);
        }
      };
      const take = (p: EnginePart) => {
        for (const f of p.findings) {
          shareStrings(f);
          added.push(f);
        }
        for (const key of p.workloads?.keys() ?? []) workloads.add(key);
        for (const [name, fact] of p.namespaces ?? []) {
          namespaces.add(name);
          factsOf(this.namespaceFacts, name)[i] = fact;
        }
      };
      // forEach, not for-of over entries: no [key, value] pair per part per run.
      before?.forEach((p, key) => {
        if (now.get(key) !== p) drop(p);
      });
      now.forEach((p, key) => {
        if (before?.get(key) !== p) take(p);
      });
    });
    let findings: Finding[] | undefined;
    let changes: FindingChanges | undefined;
    // Patching costs one copy and a binary search per changed finding: worth it until
    // the change is about as large as the list (a context switch, an RBAC re-rank).
    if (first || removed.length + added.length > this.sorted.length) {
      findings = fullSort(parts);
    } else if (removed.length === 0 && added.length === 0) {
      findings = this.sorted;
      changes = { since: this.sorted, added: [], removed: [] };
    } else {
      findings = patchSorted(this.sorted, removed, added, compareFindings);
      if (findings) changes = { since: this.sorted, ...netChanges(removed, added) };
      else findings = fullSort(parts);
    }
    this.sorted = findings;
    // Shared with the next result while nothing changes: callers treat it as read-only.
    return { findings, workloads, namespaces, ...(changes ? { changes } : {}) };
  }

  /** One summary per workload in store order; only workloads whose facts or object changed are rebuilt. */
  private workloadSummaries(changedFacts: Set<string>): WorkloadSummary[] {
    const dirty = changedFacts;
    for (const obj of this.changedWorkloads) {
      const w = workloadOf(obj);
      if (w) dirty.add(refKey(w.ref));
    }
    this.changedWorkloads = [];
    const build = (w: Workload, key: string): WorkloadSummary => {
      const summary: WorkloadSummary = {
        apiVersion: w.ref.apiVersion,
        kind: w.ref.kind,
        namespace: w.namespace,
        name: w.ref.name,
      };
      for (const parts of this.mergedParts) {
        const fact = workloadFactIn(parts, key, w.ref.namespace);
        if (fact) Object.assign(summary, fact);
      }
      return summary;
    };
    if (this.workloadSetChanged) {
      const list: WorkloadSummary[] = [];
      const index = new Map<string, number>();
      for (const w of workloadsIn(this.store)) {
        const key = refKey(w.ref);
        const at = dirty.has(key) ? undefined : this.workloadIndex.get(key);
        const summary = at === undefined ? build(w, key) : this.workloadList[at]!;
        index.set(key, list.length);
        list.push(summary);
      }
      this.workloadList = list;
      this.workloadIndex = index;
      this.workloadSetChanged = false;
      return list;
    }
    if (!dirty.size) return this.workloadList;
    let list: WorkloadSummary[] | undefined;
    for (const key of dirty) {
      const at = this.workloadIndex.get(key);
      if (at === undefined) continue; // facts for an object the store does not list as a workload
      const old = this.workloadList[at]!;
      const obj = this.store.getByName(old.kind, keyNamespace(key), old.name);
      const w = obj ? workloadOf(obj) : undefined;
      if (!w) continue;
      list ??= this.workloadList.slice();
      list[at] = build(w, key);
    }
    if (list) this.workloadList = list;
    return this.workloadList;
  }

  /** One summary per store namespace; only namespaces whose facts changed are rebuilt. */
  private namespaceSummaries(dirty: Set<string>): NamespaceSummary[] {
    const build = (name: string): NamespaceSummary => {
      const s: NamespaceSummary = { name };
      for (const fact of this.namespaceFacts.get(name) ?? []) if (fact) Object.assign(s, fact);
      return s;
    };
    const names = this.store.namespaces();
    const same = names.length === this.namespaceList.length && names.every((n, i) => this.namespaceList[i]!.name === n);
    if (same) {
      // Copy on write: the previous result keeps its list.
      let list: NamespaceSummary[] | undefined;
      for (const name of dirty) {
        const at = this.namespaceIndex.get(name);
        if (at === undefined) continue;
        list ??= this.namespaceList.slice();
        list[at] = build(name);
        this.namespaceSummaryByName.set(name, list[at]!);
      }
      if (list) this.namespaceList = list;
      return this.namespaceList;
    }
    const byName = new Map<string, NamespaceSummary>();
    const index = new Map<string, number>();
    const list = names.map((name, i) => {
      const s = (dirty.has(name) ? undefined : this.namespaceSummaryByName.get(name)) ?? build(name);
      byName.set(name, s);
      index.set(name, i);
      return s;
    });
    this.namespaceSummaryByName = byName;
    this.namespaceIndex = index;
    this.namespaceList = list;
    return list;
  }

  /** Subjects from every engine, merged; recomputed only when an engine hands back different subjects. */
  private subjectSummaries(): SubjectSummary[] {
    const inputs = this.engines.map((e) => this.outputs.get(e.name)?.subjects);
    if (inputs.length === this.subjectInputs.length && inputs.every((s, i) => s === this.subjectInputs[i]))
      return this.subjectList;
    const merged = new Map<string, SubjectSummary>();
    for (const subjects of inputs) {
      for (const s of subjects ?? []) {
        const key = refKey(s);
        const cur = merged.get(key);
        if (cur) cur.checks = [...new Set([...cur.checks, ...s.checks])].sort();
        else merged.set(key, { ...s, checks: [...new Set(s.checks)].sort() });
      }
    }
    this.subjectInputs = inputs;
    this.subjectList = [...merged.values()].sort((a, b) => refKey(a).localeCompare(refKey(b)));
    return this.subjectList;
  }
}

/** Forgets engine `i`'s fact for `key`, and the entry once no engine has one. */
function clearFact<T>(table: Map<string, Facts<T>>, key: string, i: number): void {
  const facts = table.get(key);
  if (!facts) return;
  facts[i] = undefined;
  if (facts.every((f) => f === undefined)) table.delete(key);
}

function factsOf<T>(table: Map<string, Facts<T>>, key: string): Facts<T> {
  let facts = table.get(key);
  if (!facts) table.set(key, (facts = []));
  return facts;
}

/** The namespace of a refKey ("Kind/namespace/name"). */
function keyNamespace(key: string): string | undefined {
  const ns = key.split("/")[1];
  return ns ? ns : undefined;
}

/** The context an engine runs in; `findings` (every earlier engine's, flat) is built only if read. */
function contextOf(
  store: Store,
  options: AnalysisOptions,
  models: Models,
  outputs: ReadonlyMap<string, EngineOutput>,
  owners: OwnerTops,
): AnalysisContext {
  const upstream = new Map(outputs);
  let findings: Finding[] | undefined;
  return {
    store,
    options,
    models,
    owners,
    outputs: upstream,
    get findings() {
      if (!findings) {
        findings = [];
        // A loop, not push(...): spreading 150,000 findings as arguments overflows the stack.
        for (const out of upstream.values()) for (const f of out.findings) findings.push(f);
      }
      return findings;
    },
  };
}

function fullSort(parts: readonly ReadonlyMap<string, EnginePart>[]): Finding[] {
  const findings: Finding[] = [];
  for (const p of parts) for (const part of p.values()) for (const f of part.findings) findings.push(f);
  return findings.sort(compareFindings);
}

/** Removed and added findings without those in both (a recomputed part handing back the same objects). */
function netChanges(removed: readonly Finding[], added: readonly Finding[]): Pick<FindingChanges, "added" | "removed"> {
  const count = new Map<Finding, number>();
  for (const f of removed) count.set(f, (count.get(f) ?? 0) + 1);
  const netAdded: Finding[] = [];
  for (const f of added) {
    const n = count.get(f);
    if (n) count.set(f, n - 1);
    else netAdded.push(f);
  }
  const netRemoved: Finding[] = [];
  for (const f of removed) {
    const n = count.get(f);
    if (n) {
      count.set(f, n - 1);
      netRemoved.push(f);
    }
  }
  return { added: netAdded, removed: netRemoved };
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

// Engine output split by namespace (DESIGN §1: cross-object models recomputed
// incrementally). Almost everything an engine reads about a workload sits in its
// namespace (owners, policies, service accounts, the Secrets it uses), so an
// engine keeps one part per namespace and recomputes only the parts whose
// namespace changed (Store.namespaceVersion) or whose upstream inputs did. The
// analyzer merges parts by identity: an unchanged part costs nothing.
import { DEFAULT_NAMESPACE, effectiveNamespace } from "../cluster/namespace.js";
import type { KObject } from "../cluster/objects.js";
import type { Store } from "../store/store.js";
import type { EngineOutput, NamespaceSummary, WorkloadSummary } from "./engine.js";
import type { Finding } from "./finding.js";

/** One namespace's share of an engine's output. The same object while its content is. */
export interface EnginePart {
  findings: readonly Finding[];
  /**
   * Facts for the report's workloads[], keyed by refKey of the workload object. A part
   * holds facts only for workloads of its own namespace (see workloadFactIn).
   */
  workloads?: ReadonlyMap<string, Partial<WorkloadSummary>>;
  /** Facts per namespace name (a namespace's part holds at most its own). */
  namespaces?: ReadonlyMap<string, Partial<NamespaceSummary>>;
}

/** Key of the part for what belongs to no namespace (cluster-scoped objects, User/Group subjects). */
export const CLUSTER_PART = "";

/** Objects without a namespace are analysed in DEFAULT_NAMESPACE (see effectiveNamespace). */
const DEFAULT_NS = DEFAULT_NAMESPACE;

const keysMemo = new WeakMap<Store, { version: number; keys: string[]; names: Set<string> }>();

function namespacesMemo(store: Store): { keys: string[]; names: Set<string> } {
  let m = keysMemo.get(store);
  if (!m || m.version !== store.version) {
    const list = store.namespaces();
    // Namespaces rarely come or go: keep the same keys (and set) while the list is equal.
    if (m && list.length === m.names.size && list.every((n) => m!.names.has(n))) m.version = store.version;
    else {
      const keys = list.includes(DEFAULT_NS) ? list : [...list, DEFAULT_NS];
      keysMemo.set(store, (m = { version: store.version, keys, names: new Set(list) }));
    }
  }
  return m;
}

/** Namespaces an engine keeps parts for: the store's, and "default" (which holds objects without one). */
export function partitionKeys(store: Store): readonly string[] {
  return namespacesMemo(store).keys;
}

/** Whether `ns` is one of store.namespaces() (without copying the list). */
export function isStoreNamespace(store: Store, ns: string): boolean {
  return namespacesMemo(store).names.has(ns);
}

/** Objects of `kind` analysed as namespace `ns`: "default" also holds those without a namespace. */
export function objectsIn(store: Store, kind: string, ns: string): KObject[] {
  if (ns !== DEFAULT_NS) return store.inNamespace(kind, ns);
  const none = store.inNamespace(kind, "");
  const named = store.inNamespace(kind, ns);
  return none.length ? [...named, ...none] : named;
}

/** Objects of every kind in `kinds`, analysed as namespace `ns`. */
export function objectsOfKindsIn(store: Store, kinds: readonly string[], ns: string): KObject[] {
  const out: KObject[] = [];
  for (const k of kinds) for (const o of objectsIn(store, k, ns)) out.push(o);
  return out;
}

/** The part key an object's namespace maps to. */
export function partKeyOf(namespace: string | undefined): string {
  return effectiveNamespace(namespace);
}

/** Version stamp of everything in namespace `ns` (for "default": objects without a namespace too). */
export function namespaceStamp(store: Store, ns: string): number | string {
  const v = store.namespaceVersion(ns);
  return ns === DEFAULT_NS ? `${v}:${store.namespaceVersion("")}` : v;
}

/**
 * Parts by key, each recomputed only when what it read changed. `deps(key)` is kept with
 * a part when it is computed; `same(kept, key)` says whether that still holds (default:
 * identity with a fresh `deps(key)`, so a primitive stamp costs no allocation per key).
 */
export class PartCache<P, D = unknown> {
  private readonly entries = new Map<string, { deps: D; part: P }>();
  private lastKeys: readonly string[] | undefined;

  update(
    keys: readonly string[],
    deps: (key: string) => D,
    compute: (key: string) => P,
    same: (kept: D, key: string) => boolean = (kept, key) => kept === deps(key),
  ): Map<string, P> {
    const out = new Map<string, P>();
    for (const key of keys) {
      let e = this.entries.get(key);
      if (!e || !same(e.deps, key)) {
        e = { deps: deps(key), part: compute(key) };
        this.entries.set(key, e);
      }
      out.set(key, e.part);
    }
    // Keys come from memoised lists: a different list may have dropped some.
    if (keys !== this.lastKeys) {
      for (const key of this.entries.keys()) if (!out.has(key)) this.entries.delete(key);
      this.lastKeys = keys;
    }
    return out;
  }
}

const EMPTY: readonly Finding[] = Object.freeze([]);

/** The part of `key`, for engines whose output is not partitioned: everything in one. */
export function partsOf(out: EngineOutput): ReadonlyMap<string, EnginePart> {
  if (out.parts) return out.parts;
  let parts = wholeParts.get(out);
  if (!parts) {
    const part: EnginePart = { findings: out.findings };
    if (out.workloads) part.workloads = out.workloads;
    if (out.namespaces) part.namespaces = out.namespaces;
    wholeParts.set(out, (parts = new Map([[WHOLE, part]])));
  }
  return parts;
}

/** Key of the single part of an unpartitioned output (never a namespace name). */
const WHOLE = "\u0000whole";

/**
 * An engine's fact for the workload `key` in namespace `namespace`, from its parts: the
 * part of that namespace, else the cluster part, else the single part of an unpartitioned
 * output. (The analyzer looks facts up here instead of keeping a table per workload.)
 */
export function workloadFactIn(
  parts: ReadonlyMap<string, EnginePart>,
  key: string,
  namespace: string | undefined,
): Partial<WorkloadSummary> | undefined {
  return (
    parts.get(partKeyOf(namespace))?.workloads?.get(key) ??
    parts.get(CLUSTER_PART)?.workloads?.get(key) ??
    parts.get(WHOLE)?.workloads?.get(key)
  );
}
const wholeParts = new WeakMap<EngineOutput, ReadonlyMap<string, EnginePart>>();

/**
 * Findings of an upstream output that can be about namespace `ns`: its part for `ns`
 * and its cluster part (or, unpartitioned, all of them).
 */
export function findingsNear(out: EngineOutput, ns: string): readonly Finding[][] {
  if (!out.parts) return [out.findings];
  return [
    (out.parts.get(ns)?.findings ?? EMPTY) as Finding[],
    (ns !== CLUSTER_PART ? (out.parts.get(CLUSTER_PART)?.findings ?? EMPTY) : EMPTY) as Finding[],
  ];
}

/** The parts an upstream output's `findingsNear(ns)` reads, for dependency lists. */
export function depsNear(out: EngineOutput, ns: string): unknown[] {
  if (!out.parts) return [out];
  return [out.parts.get(ns), out.parts.get(CLUSTER_PART)];
}

/** Whether `kept` (from depsNear over `outputs`) still holds, without building a new list. */
export function sameNear(
  kept: readonly unknown[],
  from: number,
  outputs: readonly EngineOutput[],
  ns: string,
): boolean {
  let i = from;
  for (const out of outputs) {
    if (!out.parts) {
      if (kept[i++] !== out) return false;
    } else if (kept[i++] !== out.parts.get(ns) || kept[i++] !== out.parts.get(CLUSTER_PART)) return false;
  }
  return i === kept.length;
}

/**
 * An EngineOutput from parts. `findings`, `workloads` and `namespaces` are built on
 * first read (tests and one-off callers); the analyzer reads `parts`.
 */
export function partitionedOutput(
  parts: ReadonlyMap<string, EnginePart>,
  rest: Pick<EngineOutput, "model" | "subjects"> = {},
): EngineOutput {
  let findings: Finding[] | undefined;
  let workloads: Map<string, Partial<WorkloadSummary>> | undefined;
  let namespaces: Map<string, Partial<NamespaceSummary>> | undefined;
  const out: EngineOutput = {
    parts,
    get findings() {
      if (!findings) {
        findings = [];
        for (const p of parts.values()) for (const f of p.findings) findings.push(f);
      }
      return findings;
    },
    get workloads() {
      if (!workloads) {
        workloads = new Map();
        for (const p of parts.values()) for (const [k, v] of p.workloads ?? []) workloads.set(k, v);
      }
      return workloads;
    },
    get namespaces() {
      if (!namespaces) {
        namespaces = new Map();
        for (const p of parts.values()) for (const [k, v] of p.namespaces ?? []) namespaces.set(k, v);
      }
      return namespaces;
    },
  };
  if (rest.model !== undefined) out.model = rest.model;
  if (rest.subjects) out.subjects = rest.subjects;
  return out;
}

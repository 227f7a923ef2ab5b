// The check contract's dependency side: a check declares what it reads beyond its own
// workload (store kinds, other engines' models), and the engines derive from those
// declarations what they used to list by hand: the kinds that make them recompute,
// the engines they run after, and what a namespace's cached part is keyed on. A check
// sees only the models it declares (scopedContext), so one that reads an undeclared
// model finds nothing in its own test instead of going stale in a live session.
import { kindInfo } from "../cluster/objects.js";
import type { Store } from "../store/store.js";
import type { AnalysisContext, CheckDef, Engine } from "./engine.js";
import { type ModelName, ModelSet, type Models } from "./models.js";
import { namespaceStamp } from "./parts.js";

/** What a check reads beyond the workload (or object) it is run on. */
export interface CheckReads {
  /**
   * Kinds its verdicts depend on beyond the object itself ([] = only the object; undefined =
   * its engine's `reads`, else `inputs`). Visibility (visibility.ts) drops its verdicts where
   * one of these could not be read; the engine recomputes on their changes (cluster-scoped
   * ones: on any change; namespaced ones: with the namespace).
   */
  kinds?: readonly string[];
  /** Models of other engines read through ctx.models (the check reruns when the model changes). */
  models?: readonly ModelName[];
}

/** The union of what some checks read, each kind and model once, in declaration order. */
export interface Reads {
  kinds: readonly string[];
  models: readonly ModelName[];
  /** The cluster-scoped kinds among `kinds`: a change to one is news to every namespace. */
  clusterKinds: readonly string[];
}

export function readsOf(checks: readonly CheckDef[]): Reads {
  const kinds = new Set<string>();
  const models = new Set<ModelName>();
  for (const c of checks) {
    for (const k of c.reads?.kinds ?? []) kinds.add(k);
    for (const m of c.reads?.models ?? []) models.add(m);
  }
  const list = [...kinds];
  return {
    kinds: list,
    models: [...models],
    clusterKinds: list.filter((k) => kindInfo(k)?.namespaced === false),
  };
}

/** An engine's `inputs`: the kinds it walks itself, then those its checks declare. */
export function inputsOf(own: readonly string[], reads: Reads): string[] {
  return [...new Set([...own, ...reads.kinds])];
}

/**
 * What a namespace's part is keyed on: the namespace's version, then the version of each
 * cluster-scoped kind and the identity of each model the checks read. With nothing beyond
 * the namespace it is the namespace stamp itself (a primitive: no allocation per key).
 */
export function partStamp(reads: Reads): {
  deps: (store: Store, models: Models, ns: string) => unknown;
  same: (kept: unknown, store: Store, models: Models, ns: string) => boolean;
} {
  if (!reads.models.length && !reads.clusterKinds.length)
    return {
      deps: (store, _models, ns) => namespaceStamp(store, ns),
      same: (kept, store, _models, ns) => kept === namespaceStamp(store, ns),
    };
  return {
    deps: (store, models, ns) => [
      namespaceStamp(store, ns),
      ...reads.clusterKinds.map((k) => store.kindVersion(k)),
      ...reads.models.map((m) => models[m]),
    ],
    same: (kept, store, models, ns) => {
      const k = kept as unknown[];
      let i = 0;
      if (k[i++] !== namespaceStamp(store, ns)) return false;
      for (const kind of reads.clusterKinds) if (k[i++] !== store.kindVersion(kind)) return false;
      for (const m of reads.models) if (k[i++] !== models[m]) return false;
      return true;
    },
  };
}

/**
 * The context a check runs with: the pass's (its lazy fields stay lazy), with only the
 * models the check declares.
 */
export function scopedContext(check: CheckDef, ctx: AnalysisContext): AnalysisContext {
  const models = new ModelSet();
  for (const m of check.reads?.models ?? []) if (ctx.models.has(m)) models.set(m, ctx.models.get(m));
  // A plain object of the same shape as the analyzer's (fast property reads in detect);
  // `findings` stays lazy: the pass builds it only if a check asks.
  const scopedCtx: AnalysisContext = {
    store: ctx.store,
    options: ctx.options,
    models,
    get findings() {
      return ctx.findings;
    },
  };
  if (ctx.outputs) scopedCtx.outputs = ctx.outputs;
  if (ctx.owners) scopedCtx.owners = ctx.owners;
  return scopedCtx;
}

/**
 * Engines in an order where each runs after those it names in `after` (a check reading
 * the rbac model needs the rbac engine to have run), otherwise in the order given.
 * Names not among the engines are ignored; a cycle keeps the given order for its members.
 */
export function runOrder(engines: readonly Engine[]): Engine[] {
  const names = new Set(engines.map((e) => e.name));
  const done = new Set<string>();
  const out: Engine[] = [];
  const visiting = new Set<string>();
  const visit = (e: Engine) => {
    if (done.has(e.name) || visiting.has(e.name)) return;
    visiting.add(e.name);
    for (const dep of e.after ?? []) {
      if (!names.has(dep)) continue;
      const d = engines.find((x) => x.name === dep);
      if (d) visit(d);
    }
    visiting.delete(e.name);
    done.add(e.name);
    out.push(e);
  };
  for (const e of engines) visit(e);
  return out;
}

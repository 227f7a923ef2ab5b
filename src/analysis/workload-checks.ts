// Runs object checks over workloads (one namespace's at a time), re-running a check only for objects
// that changed (the store replaces an object on change, so identity is the key).
// A pod whose managing controller is in the store reports only what its
// controller's template does not already report: one finding per fix target.
import { type KObject, POD_TEMPLATE_PATHS, refKey } from "../cluster/objects.js";
import { cachedOwnerChain, type OwnerChain } from "../patch/owner.js";
import type { AnalysisContext, WorkloadCheck } from "./engine.js";
import type { Finding } from "./finding.js";
import { workloadOf } from "./workloads.js";

function safeDetect(check: WorkloadCheck, obj: KObject, ctx: AnalysisContext): Finding[] {
  const w = workloadOf(obj);
  if (!w) return [];
  try {
    return check.detect(w, ctx);
  } catch (err) {
    // Invariant 5: analysis never throws. A check that does is a bug; keep the rest running.
    process.emitWarning(`check ${check.meta.id} failed on ${refKey(w.ref)}: ${String(err)}`);
    return [];
  }
}

/** Path of a finding relative to its pod spec (or pod metadata), so pod and template findings compare. */
function relativeKey(f: Finding, specPath: string): string {
  const metaPath = specPath === "spec" ? "metadata" : `${specPath.slice(0, -".spec".length)}.metadata`;
  const path = f.path ?? "";
  const p = path.startsWith(`${specPath}.`)
    ? path.slice(specPath.length)
    : path.startsWith(`${metaPath}.`)
      ? `#meta${path.slice(metaPath.length)}`
      : path;
  return `${f.check}|${f.container ?? ""}|${p}`;
}

/** Shared empty result, so objects without findings cost no array each. */
const NONE: Finding[] = [];

interface Entry<D> {
  /** The object's own findings. Dropped for Pods once folded: recomputed only if the owner changes. */
  own: Finding[] | undefined;
  derived: D | undefined;
  hasDerived: boolean;
  /** Folded findings, with the owner and fix target they were folded against. */
  folded?: { owner: KObject | undefined; target: string; findings: Finding[] };
  /** For owners: relative keys of their own findings (what their pods need not repeat). */
  covered?: Set<string>;
}

export class WorkloadCheckRunner<D = never> {
  private entries = new WeakMap<KObject, Entry<D>>();
  private readonly fixable: Set<string>;

  /**
   * `derive` computes a per-object fact from its own findings (the pods engine's
   * PSS level), kept after a pod's own findings are dropped.
   */
  constructor(
    private readonly checks: readonly WorkloadCheck[],
    private readonly derive?: (own: readonly Finding[], obj: KObject) => D,
  ) {
    this.fixable = new Set(checks.filter((c) => c.fix).map((c) => c.meta.id));
  }

  private entry(obj: KObject): Entry<D> {
    let e = this.entries.get(obj);
    if (!e) this.entries.set(obj, (e = { own: undefined, derived: undefined, hasDerived: false }));
    return e;
  }

  /** Findings for one object, cached by object identity (recomputed for a Pod whose findings were dropped). */
  findingsFor(obj: KObject, ctx: AnalysisContext): Finding[] {
    const e = this.entry(obj);
    if (!e.own) {
      const own = this.checks.flatMap((c) => safeDetect(c, obj, ctx));
      e.own = own.length ? own : NONE;
    }
    return e.own;
  }

  /** The derived fact for one object (see the constructor), cached by object identity. */
  derivedFor(obj: KObject, ctx: AnalysisContext): D | undefined {
    const e = this.entry(obj);
    if (!e.hasDerived && this.derive) {
      e.derived = this.derive(this.findingsFor(obj, ctx), obj);
      e.hasDerived = true;
    }
    return e.derived;
  }

  private coveredBy(owner: KObject, ctx: AnalysisContext): Set<string> | undefined {
    const spec = POD_TEMPLATE_PATHS[owner.kind]?.join(".");
    if (!spec) return undefined;
    const e = this.entry(owner);
    e.covered ??= new Set(this.findingsFor(owner, ctx).map((f) => relativeKey(f, spec)));
    return e.covered;
  }

  /** Findings of the given workload objects (one namespace's: engines keep parts per namespace). */
  runObjects(objects: Iterable<KObject>, ctx: AnalysisContext): Finding[] {
    const out: Finding[] = [];
    for (const obj of objects) this.runOne(obj, ctx, out);
    return out;
  }

  private runOne(obj: KObject, ctx: AnalysisContext, out: Finding[]): void {
    const e = this.entry(obj);
    if (e.own === NONE) return; // no findings of its own: nothing to fold
    const owner = cachedOwnerChain(ctx.store, obj);
    const ownerObj = owner.topObject !== obj ? owner.topObject : undefined;
    // What an object reports depends only on it, its top owner and the fix target:
    // reuse the last answer while all three are the same.
    const target = refKey(owner.top);
    const hit = e.folded;
    if (hit && hit.owner === ownerObj && hit.target === target) {
      for (const f of hit.findings) out.push(f);
      return;
    }
    const own = this.findingsFor(obj, ctx);
    if (this.derive) this.derivedFor(obj, ctx);
    const findings = own.length ? this.fold(obj, own, owner, ownerObj, ctx) : own;
    e.folded = { owner: ownerObj, target, findings };
    if (obj.kind === "Pod" && own.length) e.own = undefined;
    for (const f of findings) out.push(f);
  }

  private fold(
    obj: KObject,
    own: Finding[],
    owner: OwnerChain,
    ownerObj: KObject | undefined,
    ctx: AnalysisContext,
  ): Finding[] {
    const out: Finding[] = [];
    const ownSpec = POD_TEMPLATE_PATHS[obj.kind]!.join(".");
    const covered = ownerObj ? this.coveredBy(ownerObj, ctx) : undefined;
    for (const f of own) {
      if (covered?.has(relativeKey(f, ownSpec))) continue;
      if (!this.fixable.has(f.check)) {
        out.push(f);
        continue;
      }
      // A bare Pod's spec and a standalone Job's template are immutable: both are recreated.
      const type = owner.top.kind === "Pod" || owner.top.kind === "Job" ? "manifest" : "strategic";
      out.push({ ...f, fix: { target: owner.top, type } });
    }
    return out;
  }
}

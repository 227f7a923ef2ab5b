// Runs object checks over workloads, one namespace's at a time.
// A pod whose managing controller is in the store reports only what its
// controller's template does not already report: one finding per fix target.
import { type KObject, POD_TEMPLATE_PATHS, refKey } from "../cluster/objects.js";
import { type OwnerTop, OwnerTops } from "../store/owner.js";
import type { AnalysisContext, WorkloadCheck } from "./engine.js";
import { type Finding, fixRef, withFix } from "./finding.js";
import { scopedContext } from "./reads.js";
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
const NONE: readonly Finding[] = Object.freeze([]);

/**
 * Runs its checks over one namespace's workload objects at a time. It keeps nothing
 * between runs: the engines keep each namespace's output (parts.ts) and recompute a
 * namespace only when something in it changed, so a per-object cache would only
 * hold every finding a second time (and, folded, a third).
 */
export class WorkloadCheckRunner {
  private readonly fixable: Set<string>;
  /** Checks whose fix is a command only (meta.commandOnly): their findings say fix type "none". */
  private readonly commandOnly: Set<string>;
  /** The pass's context as each check sees it (its declared models only), for the last context. */
  private scoped: { ctx: AnalysisContext; each: AnalysisContext[] } | undefined;

  constructor(private readonly checks: readonly WorkloadCheck[]) {
    this.fixable = new Set(checks.filter((c) => c.fix).map((c) => c.meta.id));
    this.commandOnly = new Set(checks.filter((c) => c.fix && c.meta.commandOnly).map((c) => c.meta.id));
  }

  /** An object's own findings (before folding). */
  findingsFor(obj: KObject, ctx: AnalysisContext): readonly Finding[] {
    if (this.scoped?.ctx !== ctx) this.scoped = { ctx, each: this.checks.map((c) => scopedContext(c, ctx)) };
    const each = this.scoped.each;
    let own: Finding[] | undefined;
    for (let i = 0; i < this.checks.length; i++)
      for (const f of safeDetect(this.checks[i]!, obj, each[i]!)) (own ??= []).push(f);
    return own ?? NONE;
  }

  /**
   * Folded findings of the given workload objects (one namespace's: owners sit in
   * their pods' namespace). `onOwn` sees each object's own findings before folding
   * (the pods engine derives a PSS level from them).
   */
  runObjects(
    objects: readonly KObject[],
    ctx: AnalysisContext,
    onOwn?: (obj: KObject, own: readonly Finding[]) => void,
  ): Finding[] {
    const run = new Run(this, ctx);
    const owners = ctx.owners ?? new OwnerTops(ctx.store);
    const out: Finding[] = [];
    for (const obj of objects) {
      const own = run.own(obj);
      onOwn?.(obj, own);
      if (!own.length) continue;
      const owner = owners.of(obj);
      const ownerObj = owner.topObject !== obj ? owner.topObject : undefined;
      this.fold(obj, own, owner, ownerObj ? run.covered(ownerObj) : undefined, out);
    }
    return out;
  }

  private fold(
    obj: KObject,
    own: readonly Finding[],
    owner: OwnerTop,
    covered: Set<string> | undefined,
    out: Finding[],
  ): void {
    const ownSpec = specPathOf(obj.kind)!;
    // A bare Pod's spec and a standalone Job's template are immutable: both are recreated.
    const fix = fixRef(owner.top, owner.top.kind === "Pod" || owner.top.kind === "Job" ? "manifest" : "strategic");
    for (const f of own) {
      if (covered?.has(relativeKey(f, ownSpec))) continue;
      if (!this.fixable.has(f.check)) out.push(f);
      else out.push(withFix(f, this.commandOnly.has(f.check) ? fixRef(fix.target, "none") : fix));
    }
  }
}

/** One runObjects call: own findings and covered keys of the objects it has seen. */
class Run {
  private readonly owns = new Map<KObject, readonly Finding[]>();
  private readonly covers = new Map<KObject, Set<string> | undefined>();
  constructor(
    private readonly runner: WorkloadCheckRunner,
    private readonly ctx: AnalysisContext,
  ) {}

  own(obj: KObject): readonly Finding[] {
    let own = this.owns.get(obj);
    if (!own) this.owns.set(obj, (own = this.runner.findingsFor(obj, this.ctx)));
    return own;
  }

  /** Relative keys of an owner's own findings (what its pods need not repeat). */
  covered(owner: KObject): Set<string> | undefined {
    if (this.covers.has(owner)) return this.covers.get(owner);
    const spec = specPathOf(owner.kind);
    const covered = spec ? new Set(this.own(owner).map((f) => relativeKey(f, spec))) : undefined;
    this.covers.set(owner, covered);
    return covered;
  }
}

const SPEC_PATHS = new Map(Object.entries(POD_TEMPLATE_PATHS).map(([kind, path]) => [kind, path.join(".")]));

function specPathOf(kind: string): string | undefined {
  return SPEC_PATHS.get(kind);
}

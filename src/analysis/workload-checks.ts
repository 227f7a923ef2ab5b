// Runs object checks over every workload, re-running a check only for objects
// that changed (the store replaces an object on change, so identity is the key).
// A pod whose managing controller is in the store reports only what its
// controller's template does not already report: one finding per fix target.
import { type KObject, POD_TEMPLATE_PATHS, refKey } from "../cluster/objects.js";
import { ownerChain } from "../patch/owner.js";
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

export class WorkloadCheckRunner {
  private cache = new WeakMap<KObject, Finding[]>();

  constructor(private readonly checks: readonly WorkloadCheck[]) {}

  /** Findings for one object, cached by object identity. */
  findingsFor(obj: KObject, ctx: AnalysisContext): Finding[] {
    let found = this.cache.get(obj);
    if (!found) {
      found = this.checks.flatMap((c) => safeDetect(c, obj, ctx));
      this.cache.set(obj, found);
    }
    return found;
  }

  run(ctx: AnalysisContext): Finding[] {
    const out: Finding[] = [];
    const fixable = new Set(this.checks.filter((c) => c.fix).map((c) => c.meta.id));
    for (const kind of Object.keys(POD_TEMPLATE_PATHS)) {
      for (const obj of ctx.store.list(kind)) {
        const own = this.findingsFor(obj, ctx);
        if (own.length === 0) continue;
        const owner = ownerChain(ctx.store, obj);
        const ownerObj = owner.topObject !== obj ? owner.topObject : undefined;
        const ownSpec = POD_TEMPLATE_PATHS[obj.kind]!.join(".");
        let covered: Set<string> | undefined;
        if (ownerObj) {
          const ownerSpec = POD_TEMPLATE_PATHS[ownerObj.kind]?.join(".");
          if (ownerSpec) covered = new Set(this.findingsFor(ownerObj, ctx).map((f) => relativeKey(f, ownerSpec)));
        }
        for (const f of own) {
          if (covered?.has(relativeKey(f, ownSpec))) continue;
          if (!fixable.has(f.check)) {
            out.push(f);
            continue;
          }
          // A bare Pod's spec and a standalone Job's template are immutable: both are recreated.
          const type = owner.top.kind === "Pod" || owner.top.kind === "Job" ? "manifest" : "strategic";
          out.push({ ...f, fix: { target: owner.top, type } });
        }
      }
    }
    return out;
  }
}

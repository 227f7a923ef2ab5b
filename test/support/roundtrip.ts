// Fix round-trip (DESIGN §4): plan the fixes, apply them to the raw objects the
// way the API server would (strategic merge or apply), re-run the analysis.
// Objects owned by a patched controller are dropped, as a rollout replaces them.
import type { AnalysisResult } from "../../src/analysis/analyzer.js";
import type { Finding } from "../../src/analysis/finding.js";
import { checkCatalog } from "../../src/analysis/registry.js";
import { strategicMerge } from "../../src/cluster/strategic.js";
import { type FixPlan, planFixes } from "../../src/patch/plan.js";
import { analyze } from "./store.js";

type Json = Record<string, unknown>;

function metaOf(raw: Json): Json {
  return (raw.metadata as Json) ?? {};
}

function matches(raw: Json, kind: string, ns: string | undefined, name: string): boolean {
  const m = metaOf(raw);
  return raw.kind === kind && m.name === name && (m.namespace ?? undefined) === (ns ?? undefined);
}

export function applyPlans(raws: readonly Json[], plans: readonly FixPlan[]): Json[] {
  let out = [...raws];
  for (const plan of plans) {
    const t = plan.target;
    const docs = [plan.body, ...plan.extraManifests].filter((d): d is Json => !!d);
    if (plan.type === "strategic" && plan.body) {
      const at = out.findIndex((r) => matches(r, t.kind, t.namespace, t.name));
      if (at < 0) throw new Error(`patch target ${t.kind} ${t.name} not in the objects`);
      const uid = metaOf(out[at]!).uid;
      out[at] = strategicMerge(out[at]!, plan.body);
      if (uid) out = dropOwnedBy(out, String(uid));
    } else if (plan.type === "manifest") {
      for (const doc of docs) {
        const m = metaOf(doc);
        out = out.filter((r) => !matches(r, String(doc.kind), m.namespace as string | undefined, String(m.name)));
        out.push(doc);
      }
    }
  }
  return out;
}

function dropOwnedBy(raws: Json[], uid: string): Json[] {
  const owned = raws.filter((r) =>
    ((metaOf(r).ownerReferences as Json[] | undefined) ?? []).some((o) => o.uid === uid),
  );
  let out = raws.filter((r) => !owned.includes(r));
  for (const o of owned) if (metaOf(o).uid) out = dropOwnedBy(out, String(metaOf(o).uid));
  return out;
}

export interface RoundTrip {
  before: AnalysisResult;
  after: AnalysisResult;
  plans: FixPlan[];
  /** Findings of the fixed checks still present after the fix. */
  remaining: Finding[];
  /** Findings that appeared only after the fix (by check and resource). */
  introduced: Finding[];
}

const identity = (f: Finding) =>
  `${f.check}|${f.resource.kind}|${f.resource.namespace}|${f.resource.name}|${f.container ?? ""}`;

/** Fixes every finding of `checkIds` in `raws` and reports what is left and what is new. */
export function roundTrip(raws: readonly Json[], checkIds: readonly string[]): RoundTrip {
  const { store, result: before } = analyze(raws);
  const targeted = before.findings.filter((f) => checkIds.includes(f.check));
  const plans = planFixes(targeted, store, checkCatalog(), before.models);
  const { result: after } = analyze(applyPlans(raws, plans));
  const beforeIds = new Set(before.findings.map(identity));
  return {
    before,
    after,
    plans,
    remaining: after.findings.filter((f) => checkIds.includes(f.check)),
    introduced: after.findings.filter((f) => !beforeIds.has(identity(f))),
  };
}

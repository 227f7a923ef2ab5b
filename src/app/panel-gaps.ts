// What each panel could not see (issue 14): a panel whose checks read a kind that is
// forbidden, failing or not listed yet says so where its findings would be — never
// "no findings", which would read as clean.
import type { Engine } from "../analysis/engine.js";
import { PANELS, type Panel } from "../analysis/finding.js";
import { createEngines } from "../analysis/registry.js";
import { gapLine, type KindGap, readsOf } from "../analysis/visibility.js";

let readsMemo: Record<Panel, Set<string>> | undefined;

/** The kinds each panel's checks read (from the check catalog, computed once). */
export function panelReads(engines: readonly Engine[] = createEngines()): Record<Panel, Set<string>> {
  if (readsMemo) return readsMemo;
  const out = Object.fromEntries(PANELS.map((p) => [p, new Set<string>()])) as Record<Panel, Set<string>>;
  for (const e of engines)
    for (const c of e.checks) {
      const set = (out[c.meta.panel] ??= new Set());
      for (const k of readsOf(c, e)) set.add(k);
      // Object checks read their own object: the workload kinds they run on.
      if (readsOf(c, e).length === 0) for (const k of e.inputs) set.add(k);
    }
  readsMemo = out;
  return out;
}

/** Per panel, the line to show instead of "no findings" when a kind it reads has a gap. */
export function panelGapText(gaps: readonly KindGap[]): Partial<Record<Panel, string>> {
  if (!gaps.length) return {};
  const reads = panelReads();
  const out: Partial<Record<Panel, string>> = {};
  for (const p of Object.keys(reads) as Panel[]) {
    const mine = gaps.filter((g) => reads[p].has(g.kind));
    if (!mine.length) continue;
    out[p] = `unknown, not clean: ${gapLine(mine[0]!)}${mine.length > 1 ? ` (+${mine.length - 1} more kinds)` : ""}`;
  }
  return out;
}

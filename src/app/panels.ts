// Each panel's findings in display order, kept across analysis results: a fresh
// computation when the analyzer re-sorted everything, else the analyzer's
// `changes` patched into the lists (O(changed · log n) plus one copy of each
// panel that changed), with the severity counts beside them.
import { compareFindings, type Finding, PANELS, type Panel, SEVERITIES, type Severity } from "../analysis/finding.js";
import { bound, patchSorted } from "../util/sorted.js";

export type PanelLists = Record<Panel, readonly Finding[]>;
export type SeverityCounts = Record<Severity, number>;

/**
 * Panel order: severity, then the most recently appeared first (`seen`: id → when it
 * first appeared, 0 for the baseline), then the analyzer's order (check, resource, id).
 * A finding's first-seen time does not change while it is listed, so the order is fixed.
 */
export function panelOrder(seen: ReadonlyMap<string, number>): (a: Finding, b: Finding) => number {
  return (a, b) =>
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    (seen.get(b.id) ?? 0) - (seen.get(a.id) ?? 0) ||
    compareFindings(a, b);
}

/**
 * Every panel's list from the analyzer's sorted findings, in one pass: findings go to a
 * bucket per panel and severity; only those that appeared after the baseline are sorted
 * (by time); the rest keep the result's order, which is already panelOrder's.
 */
export function freshPanelLists(findings: readonly Finding[], seen: ReadonlyMap<string, number>): PanelLists {
  const buckets = new Map<string, { recent: Finding[]; old: Finding[] }>();
  for (const f of findings) {
    const key = `${f.panel} ${f.severity}`;
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = { recent: [], old: [] }));
    if ((seen.get(f.id) ?? 0) > 0) b.recent.push(f);
    else b.old.push(f);
  }
  const lists = {} as Record<Panel, Finding[]>;
  for (const p of PANELS) {
    const list: Finding[] = [];
    for (const s of SEVERITIES) {
      const b = buckets.get(`${p} ${s}`);
      if (!b) continue;
      b.recent.sort((a, c) => (seen.get(c.id) ?? 0) - (seen.get(a.id) ?? 0));
      for (const f of b.recent) list.push(f);
      for (const f of b.old) list.push(f);
    }
    lists[p] = list;
  }
  return lists;
}

export function countSeverities(findings: readonly Finding[]): SeverityCounts {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

function byPanel(fs: readonly Finding[]): Map<Panel, Finding[]> {
  const m = new Map<Panel, Finding[]>();
  for (const f of fs) {
    let l = m.get(f.panel);
    if (!l) m.set(f.panel, (l = []));
    l.push(f);
  }
  return m;
}

/**
 * The lists without `removed`, found under the first-seen times they were listed with
 * (call it before `seen` forgets them). Panels without a change keep their array.
 * Undefined when a removed finding is not listed (compute afresh).
 */
export function withoutFindings(
  lists: PanelLists,
  removed: readonly Finding[],
  seen: ReadonlyMap<string, number>,
): PanelLists | undefined {
  if (!removed.length) return lists;
  const out = { ...lists };
  const order = panelOrder(seen);
  for (const [p, fs] of byPanel(removed)) {
    const next = patchSorted(out[p], fs, [], order);
    if (!next) return undefined;
    out[p] = next;
  }
  return out;
}

/** The lists with `added`, each in its place (`seen` already holds their first-seen times). */
export function withFindings(
  lists: PanelLists,
  added: readonly Finding[],
  seen: ReadonlyMap<string, number>,
): PanelLists {
  if (!added.length) return lists;
  const out = { ...lists };
  const order = panelOrder(seen);
  for (const [p, fs] of byPanel(added)) out[p] = patchSorted(out[p], [], fs, order)!;
  return out;
}

/** `counts` less `removed`, plus `added` (a new object). */
export function patchCounts(
  counts: SeverityCounts,
  removed: readonly Finding[],
  added: readonly Finding[],
): SeverityCounts {
  const out = { ...counts };
  for (const f of removed) out[f.severity]--;
  for (const f of added) out[f.severity]++;
  return out;
}

/**
 * Where the finding with `f`'s id sits in `list`, or -1. A list longer than
 * `unorderedUpTo` is in panel order (a panel list, or a subsequence of one: a scope,
 * an unranked filter result), so a binary search finds it; shorter lists (ranked
 * filter results) are scanned. A search of a 200,000-row list per key adds up.
 */
export function positionIn(
  list: readonly Finding[],
  f: Finding,
  seen: ReadonlyMap<string, number>,
  unorderedUpTo: number,
): number {
  if (list.length <= unorderedUpTo) return list.findIndex((g) => g.id === f.id);
  const order = panelOrder(seen);
  // Findings with f's id tie with it in panel order: they follow the bound.
  for (let i = bound(list, f, order); i < list.length && order(list[i]!, f) === 0; i++)
    if (list[i]!.id === f.id) return i;
  return -1;
}

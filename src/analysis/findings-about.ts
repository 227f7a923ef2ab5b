// Findings about an object: on it, or naming it in `related` (and, when asked, fixed
// on it). Indexed once per finding list, so a correlation rule per workload or the
// detail screen per frame costs a lookup, not a scan of every finding.
import { type ResourceRef, refKey } from "../cluster/objects.js";
import type { Finding } from "./finding.js";

interface Index {
  /** Length of the list when indexed: the analyzer's list only grows while engines run. */
  length: number;
  /** Positions of the findings on a ref or naming it in `related`, ascending. */
  about: Map<string, number[]>;
  /** Positions of the findings whose fix targets a ref, ascending. */
  fixedOn: Map<string, number[]>;
}

const indexes = new WeakMap<readonly Finding[], Index>();

function push(map: Map<string, number[]>, key: string, at: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [at]);
  else if (list[list.length - 1] !== at) list.push(at);
}

function indexOf(findings: readonly Finding[]): Index {
  let idx = indexes.get(findings);
  if (!idx || idx.length !== findings.length) {
    idx = { length: findings.length, about: new Map(), fixedOn: new Map() };
    findings.forEach((f, at) => {
      push(idx!.about, refKey(f.resource), at);
      for (const r of f.related ?? []) push(idx!.about, refKey(r), at);
      if (f.fix) push(idx!.fixedOn, refKey(f.fix.target), at);
    });
    indexes.set(findings, idx);
  }
  return idx;
}

/** Findings about `ref`: on it, or naming it in `related` (in list order). */
export function findingsAbout(
  findings: readonly Finding[],
  ref: ResourceRef,
  filter: (f: Finding) => boolean = () => true,
): Finding[] {
  const out: Finding[] = [];
  for (const at of indexOf(findings).about.get(refKey(ref)) ?? []) if (filter(findings[at]!)) out.push(findings[at]!);
  return out;
}

/** Findings whose resource, fix target or related objects are any of `refs`, in list order, each once. */
export function findingsAboutAny(findings: readonly Finding[], refs: readonly ResourceRef[]): Finding[] {
  const idx = indexOf(findings);
  const at = new Set<number>();
  for (const r of refs) {
    const key = refKey(r);
    for (const i of idx.about.get(key) ?? []) at.add(i);
    for (const i of idx.fixedOn.get(key) ?? []) at.add(i);
  }
  return [...at].sort((a, b) => a - b).map((i) => findings[i]!);
}

// The `/` filter of a list: a cheap substring prefilter over a precomputed
// lowercase haystack per finding, then fuse.js ranks at most a few thousand
// candidates (fuse over 150,000 records is ~1 s a query; the prefilter ~8 ms).
import Fuse from "fuse.js";
import type { Finding } from "../analysis/finding.js";
import { refLabel } from "../cluster/objects.js";

const haystacks = new WeakMap<Finding, string>();

/** What the filter matches against, lowercased once per finding object. */
export function haystackOf(f: Finding): string {
  let h = haystacks.get(f);
  if (h === undefined) {
    h = [f.severity, f.check, refLabel(f.resource), f.container ?? "", f.title, f.message].join(" ").toLowerCase();
    haystacks.set(f, h);
  }
  return h;
}

/** Chars of `needle` appear in `hay` in order (the loose fallback when no token matches). */
function subsequence(hay: string, needle: string): boolean {
  let i = 0;
  for (let j = 0; j < hay.length && i < needle.length; j++) if (hay[j] === needle[i]) i++;
  return i === needle.length;
}

export const MAX_CANDIDATES = 3000;

export function filterFindings(list: readonly Finding[], query: string): readonly Finding[] {
  const q = query.trim().toLowerCase();
  if (!q) return list;
  const tokens = q.split(/\s+/);
  let candidates: Finding[] = [];
  for (const f of list) {
    const h = haystackOf(f);
    if (tokens.every((t) => h.includes(t))) {
      candidates.push(f);
      if (candidates.length >= MAX_CANDIDATES) break;
    }
  }
  if (candidates.length === 0) {
    const needle = tokens.join("");
    for (const f of list) {
      if (subsequence(haystackOf(f), needle)) {
        candidates.push(f);
        if (candidates.length >= MAX_CANDIDATES) break;
      }
    }
  }
  if (candidates.length <= 1) return candidates;
  const fuse = new Fuse(
    candidates.map((f) => ({ f, h: haystackOf(f) })),
    { keys: ["h"], ignoreLocation: true, threshold: 0.6, shouldSort: true },
  );
  const ranked = fuse.search(q).map((r) => r.item.f);
  // Every candidate already matched the prefilter: keep the ones fuse scores too low, after the ranked ones.
  if (ranked.length < candidates.length) {
    const seen = new Set(ranked);
    candidates = [...ranked, ...candidates.filter((f) => !seen.has(f))];
    return candidates;
  }
  return ranked;
}

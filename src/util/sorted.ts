// Patching a sorted array instead of sorting it again: binary searches and one
// copy, O(k log n + n) for k changes. The analyzer patches its findings list with
// it, and the controller each panel's list (in panel order).

/** First index whose element does not sort before `x` (with `strict`: the first that sorts after it). */
export function bound<T>(sorted: readonly T[], x: T, order: (a: T, b: T) => number, strict = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = order(sorted[mid]!, x);
    if (c < 0 || (strict && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `sorted` without `removed` (by identity) and with `added`, still sorted by `order`;
 * an added element goes after those it ties with. Undefined when a removed element is
 * not where `order` says it is (the caller sorts from scratch). `sorted` is not changed.
 */
export function patchSorted<T>(
  sorted: readonly T[],
  removed: readonly T[],
  added: readonly T[],
  order: (a: T, b: T) => number,
): T[] | undefined {
  const drop = new Set<number>();
  for (const x of removed) {
    let i = bound(sorted, x, order);
    // Ties: find this very element among them.
    while (i < sorted.length && (sorted[i] !== x || drop.has(i)) && order(sorted[i]!, x) === 0) i++;
    if (sorted[i] !== x || drop.has(i)) return undefined;
    drop.add(i);
  }
  const adds = [...added].sort(order);
  const at = adds.map((x) => bound(sorted, x, order, true));
  const gone = [...drop].sort((a, b) => a - b);
  const out = new Array<T>(sorted.length - gone.length + adds.length);
  let o = 0;
  let j = 0;
  let d = 0;
  for (let i = 0; i <= sorted.length; i++) {
    while (j < adds.length && at[j] === i) out[o++] = adds[j++]!;
    if (gone[d] === i) d++;
    else if (i < sorted.length) out[o++] = sorted[i]!;
  }
  return out;
}

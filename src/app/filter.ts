// The `/` filter of a list. A finding matches when every whitespace-separated
// token of the query is a substring of its lowercase haystack; when none does,
// when the query's characters appear in it in order (the typo fallback). fuse.js
// then ranks the matches when there are at most MAX_RANKED of them; a larger set
// keeps the list's own order (most severe, newest first).
//
// Speed at 200,000+ findings: the index splits each haystack into the part shared
// by many findings (severity, check, container, title, message: a few thousand
// distinct "groups", each lowercased once) and the per-finding resource label,
// so a keystroke tests a token once per group and once per resource label. A
// query that extends an earlier one (more characters, more tokens) narrows that
// query's cached matches instead of scanning the whole list, and an earlier query
// (backspace) is answered from the cache.
import { performance } from "node:perf_hooks";
import Fuse from "fuse.js";
import { type Finding, severityRank } from "../analysis/finding.js";
import { refLabel } from "../cluster/objects.js";

/** Matches that fuse.js ranks; fuse costs ~10 µs a candidate. */
export const MAX_RANKED = 500;

/** What the filter matches against (the index holds it in parts; this is the reference). */
export function haystackOf(f: Finding): string {
  return [f.severity, f.check, refLabel(f.resource), f.container ?? "", f.title, f.message].join(" ").toLowerCase();
}

/** The query's tokens, lowercased; none for a blank query. */
export function tokensOf(query: string): string[] {
  const q = query.trim().toLowerCase();
  return q ? q.split(/\s+/) : [];
}

/**
 * Whether every finding matching `q` also matches `p`: each token of `p` lies
 * inside the token of `q` at the same place. Then q's substring matches are a
 * subset of p's, and (p's letters being a subsequence of q's) so are q's
 * subsequence matches.
 */
export function refines(q: readonly string[], p: readonly string[]): boolean {
  if (p.length > q.length) return false;
  for (let i = 0; i < p.length; i++) if (!q[i]!.includes(p[i]!)) return false;
  return true;
}

/** Tokens a group's bit mask covers (bits of a 32-bit int); later tokens are tested directly. */
const MASK_TOKENS = 30;

/** A bit per token (of the first MASK_TOKENS) that lies in a group's head or tail. */
function tokenMask(head: string, tail: string, tokens: readonly string[]): number {
  let m = 0;
  for (let t = 0; t < tokens.length && t < MASK_TOKENS; t++)
    if (head.includes(tokens[t]!) || tail.includes(tokens[t]!)) m |= 1 << t;
  return m;
}

/** Whether token t lies in a group's head or tail: from its mask, or read directly past MASK_TOKENS. */
function inGroup(mask: number, t: number, head: string, tail: string, tokens: readonly string[]): boolean {
  return t < MASK_TOKENS ? (mask & (1 << t)) !== 0 : head.includes(tokens[t]!) || tail.includes(tokens[t]!);
}

/**
 * The haystacks of a list in parts. Per group of findings sharing a check,
 * severity, container, title and message: its head ("severity check") and tail
 * ("container title message"), lowercased once. Per finding: its group, and its
 * resource label ("kind ns/name") inside one lowercase string of all labels, so
 * a scan reads contiguous memory instead of 200,000 finding objects. A token has
 * no whitespace, so it lies inside one part (and never across two labels).
 */
class Index {
  readonly head: string[];
  readonly tail: string[];
  /** Per finding: its group. */
  readonly group: Int32Array;
  /** Every label, each followed by "\n"; finding i's spans [start[i], start[i + 1] - 1). */
  readonly labels: string;
  readonly start: Int32Array;

  /** The list it indexes and how its groups were found (a rebuild for the next list starts from them). */
  readonly list: readonly Finding[];
  readonly groups: Groups;

  constructor(parts: Pick<Index, "head" | "tail" | "group" | "labels" | "start" | "list" | "groups">) {
    this.head = parts.head;
    this.tail = parts.tail;
    this.group = parts.group;
    this.labels = parts.labels;
    this.start = parts.start;
    this.list = parts.list;
    this.groups = parts.groups;
  }

  label(i: number): string {
    return this.labels.slice(this.start[i]!, this.start[i + 1]! - 1);
  }

  haystack(i: number): string {
    const g = this.group[i]!;
    return `${this.head[g]} ${this.label(i)} ${this.tail[g]}`;
  }

  /** The findings among `from` (all when undefined) whose haystack holds every token. */
  substring(tokens: readonly string[], from: Int32Array | undefined): Int32Array {
    const n = from ? from.length : this.group.length;
    const out = new Int32Array(n);
    let count = 0;
    const { labels, start } = this;
    // Per token, its first occurrence in `labels` at or after the label in hand: findings
    // come in ascending order, so each token's scan of `labels` moves forward only.
    const found = new Array<number>(tokens.length).fill(-1);
    // Per group, a bit per token found in its head or tail (-1: not computed yet).
    const groupMask = new Array<number>(this.head.length).fill(-1);
    for (let k = 0; k < n; k++) {
      const i = from ? from[k]! : k;
      const g = this.group[i]!;
      let m = groupMask[g]!;
      if (m === -1) groupMask[g] = m = tokenMask(this.head[g]!, this.tail[g]!, tokens);
      let ok = true;
      for (let t = 0; t < tokens.length; t++) {
        if (inGroup(m, t, this.head[g]!, this.tail[g]!, tokens)) continue;
        let at = found[t]!;
        if (at < start[i]!) {
          at = labels.indexOf(tokens[t]!, start[i]!);
          found[t] = at = at < 0 ? labels.length : at;
        }
        if (at >= start[i + 1]!) {
          ok = false;
          break;
        }
      }
      if (ok) out[count++] = i;
    }
    return count === n ? (from ?? out) : out.slice(0, count);
  }

  /** The findings among `from` whose haystack holds `needle`'s characters in order. */
  subsequence(needle: string, from: Int32Array | undefined): Int32Array {
    const n = from ? from.length : this.group.length;
    const out = new Int32Array(n);
    let count = 0;
    const { labels, start } = this;
    // Per group: how much of the needle its head consumes (greedy, from the start),
    // and from which needle position its tail can consume the rest (greedy, from the end).
    const head = new Int32Array(this.head.length).fill(-1);
    const tail = new Int32Array(this.head.length);
    // Per needle position, the next occurrence of its character in `labels` (moves forward only).
    const found = new Array<number>(needle.length).fill(-1);
    for (let k = 0; k < n; k++) {
      const i = from ? from[k]! : k;
      const g = this.group[i]!;
      if (head[g] === -1) {
        head[g] = consumeForward(this.head[g]!, needle, 0);
        tail[g] = consumeBackward(this.tail[g]!, needle);
      }
      let j = head[g]!;
      const end = start[i + 1]!;
      let pos = start[i]!;
      while (j < tail[g]!) {
        let at = found[j]!;
        if (at < pos) {
          at = labels.indexOf(needle[j]!, pos);
          found[j] = at = at < 0 ? labels.length : at;
        }
        if (at >= end) break;
        pos = at + 1;
        j++;
      }
      if (j >= tail[g]!) out[count++] = i;
    }
    return count === n ? (from ?? out) : out.slice(0, count);
  }
}

/** Groups by message first (its hash is cached on the string), then by the other fields. */
interface Groups {
  byMessage: Map<string, number>;
  /** Per group: its first finding, and the next group with the same message (-1: none). */
  first: Finding[];
  next: number[];
}

/** How far ahead in the previous list a finding is looked for (findings removed since). */
const RESYNC = 16;

/**
 * Builds an Index a slice at a time (it can take 200 ms at 200,000 findings). Given
 * the index of the previous list (the same panel before this analysis result), a
 * finding object that is still there keeps its group and label: both lists are in
 * the same order, so one forward walk over the old list finds them, and a run of
 * findings kept in a row takes its labels as one slice of the old lowercase labels
 * (a result that changed 50 findings copies ~100 slices, not 200,000 labels).
 */
class IndexBuilder {
  private readonly head: string[];
  private readonly tail: string[];
  private readonly group: Int32Array;
  private readonly groups: Groups;
  /** Where each finding's label starts in the joined labels (n + 1 entries once done). */
  private readonly start: Int32Array;
  /** The lowercase labels so far, in runs, each label followed by "\n"; `at`: their length. */
  private readonly chunks: string[] = [];
  private at = 0;
  /** Pending new labels (not lowercased yet), from list position `freshFrom`. */
  private fresh: string[] = [];
  private freshFrom = 0;
  /** Pending run of kept labels: previous positions [keptFrom, keptTo), from list position `keptAt`. */
  private keptFrom = -1;
  private keptTo = -1;
  private keptAt = 0;
  private i = 0;
  /** Position in the previous index's list. */
  private j = 0;

  constructor(
    private readonly list: readonly Finding[],
    private readonly previous?: Index,
  ) {
    this.group = new Int32Array(list.length);
    this.start = new Int32Array(list.length + 1);
    this.head = previous ? [...previous.head] : [];
    this.tail = previous ? [...previous.tail] : [];
    this.groups = previous
      ? {
          byMessage: new Map(previous.groups.byMessage),
          first: [...previous.groups.first],
          next: [...previous.groups.next],
        }
      : { byMessage: new Map(), first: [], next: [] };
  }

  /** Where finding f sits in the previous list, near the walk's position; -1 if not there. */
  private reuse(f: Finding): number {
    const old = this.previous?.list;
    if (!old) return -1;
    const end = Math.min(old.length, this.j + RESYNC);
    for (let k = this.j; k < end; k++)
      if (old[k] === f) {
        this.j = k + 1;
        return k;
      }
    return -1;
  }

  private flushKept(): void {
    if (this.keptFrom < 0) return;
    const prev = this.previous!;
    const base = prev.start[this.keptFrom]!;
    for (let k = this.keptFrom; k < this.keptTo; k++)
      this.start[this.keptAt + k - this.keptFrom] = this.at + prev.start[k]! - base;
    const chunk = prev.labels.slice(base, prev.start[this.keptTo]!);
    this.chunks.push(chunk);
    this.at += chunk.length;
    this.keptFrom = -1;
  }

  private flushFresh(): void {
    if (!this.fresh.length) return;
    let labels = this.fresh;
    const all = `${labels.join("\n")}\n`;
    let lower = all.toLowerCase();
    // Lowercasing can change the length of a few non-ASCII letters: then lowercase each label alone.
    if (lower.length !== all.length) {
      labels = labels.map((l) => l.toLowerCase());
      lower = `${labels.join("\n")}\n`;
    }
    let at = this.at;
    for (let k = 0; k < labels.length; k++) {
      this.start[this.freshFrom + k] = at;
      at += labels[k]!.length + 1;
    }
    this.chunks.push(lower);
    this.at = at;
    this.fresh = [];
  }

  private label(i: number, f: Finding): void {
    this.flushKept();
    if (!this.fresh.length) this.freshFrom = i;
    this.fresh.push(refLabel(f.resource));
  }

  /** Works until performance.now() passes `until`; returns the Index once every finding is in. */
  step(until = Number.POSITIVE_INFINITY): Index | undefined {
    const { list, head, tail, previous } = this;
    const { byMessage, first, next } = this.groups;
    const n = list.length;
    while (this.i < n) {
      const end = Math.min(n, this.i + 2048);
      for (let i = this.i; i < end; i++) {
        const f = list[i]!;
        const was = this.reuse(f);
        if (previous && was >= 0) {
          this.group[i] = previous.group[was]!;
          this.flushFresh();
          if (this.keptFrom >= 0 && this.keptTo === was) this.keptTo++;
          else {
            this.flushKept();
            this.keptFrom = was;
            this.keptTo = was + 1;
            this.keptAt = i;
          }
          continue;
        }
        this.label(i, f);
        // Neighbours in a panel list often share a group: try the last one before the map.
        const prev = i > 0 ? list[i - 1]! : undefined;
        if (prev && prev.message === f.message && sameGroup(prev, f)) {
          this.group[i] = this.group[i - 1]!;
          continue;
        }
        let g = byMessage.get(f.message);
        let last = -1;
        while (g !== undefined && !sameGroup(first[g]!, f)) {
          last = g;
          g = next[g]! < 0 ? undefined : next[g];
        }
        if (g === undefined) {
          g = head.length;
          if (last < 0) byMessage.set(f.message, g);
          else next[last] = g;
          next.push(-1);
          first.push(f);
          head.push(`${f.severity} ${f.check}`.toLowerCase());
          tail.push(`${f.container ?? ""} ${f.title} ${f.message}`.toLowerCase());
        }
        this.group[i] = g;
      }
      this.i = end;
      if (this.i < n && performance.now() >= until) return undefined;
    }
    this.flushKept();
    this.flushFresh();
    this.start[n] = this.at;
    const labels = this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join("");
    return new Index({ head, tail, group: this.group, labels, start: this.start, list, groups: this.groups });
  }
}

function sameGroup(a: Finding, b: Finding): boolean {
  return a.check === b.check && a.severity === b.severity && a.title === b.title && a.container === b.container;
}

/** Needle position after matching needle[at..] greedily, in order, inside `hay`. */
function consumeForward(hay: string, needle: string, at: number): number {
  let pos = 0;
  while (at < needle.length) {
    const found = hay.indexOf(needle[at]!, pos);
    if (found < 0) break;
    pos = found + 1;
    at++;
  }
  return at;
}

/** Smallest k such that needle[k..] is a subsequence of `hay`. */
function consumeBackward(hay: string, needle: string): number {
  let k = needle.length;
  for (let j = hay.length - 1; j >= 0 && k > 0; j--) if (hay[j] === needle[k - 1]) k--;
  return k;
}

interface Entry {
  tokens: string[];
  /** Findings (list indexes, ascending) holding every token. */
  substring: Int32Array;
  /** When `substring` is empty: findings holding the tokens' letters in order. */
  subsequence?: Int32Array;
  result?: readonly Finding[];
}

/** Resource labels a direct scan (no index yet) reads before it gives up for the index (~10 ms). */
const DIRECT_LABELS = 10_000;

/** Cached entries hold at most this many list indexes and findings in total (plus the newest entry). */
const CACHE_BUDGET = 2_000_000;

/** Filters one list (one panel's findings) as the query is edited. Build one per list; drop it to free the index. */
export class FindingFilter {
  private index: Index | undefined;
  private builder: IndexBuilder | undefined;
  private cache = new Map<string, Entry>();

  /** The index of the list this one replaces (the same panel, one result earlier): a rebuild starts from it. */
  private replaced: Index | undefined;

  /** `previous`: the filter of the list this one replaces. */
  constructor(
    readonly list: readonly Finding[],
    previous?: FindingFilter,
  ) {
    this.replaced = previous?.index ?? previous?.replaced;
  }

  /** Whether the index is built. */
  get prepared(): boolean {
    return this.index !== undefined;
  }

  /** Builds the index now, or what is left of it. */
  prepare(): void {
    this.prepareFor(Number.POSITIVE_INFINITY);
  }

  /** Builds the index for at most `ms` (in idle time, ahead of the first key); true once it is complete. */
  prepareFor(ms: number): boolean {
    if (!this.index) {
      // Groups only accumulate across rebuilds: start afresh once most are gone.
      const base = this.replaced;
      this.builder ??= new IndexBuilder(
        this.list,
        base && base.head.length <= 2 * this.list.length + 1000 ? base : undefined,
      );
      this.replaced = undefined;
      this.index = this.builder.step(performance.now() + ms);
      if (this.index) this.builder = undefined;
    }
    return this.index !== undefined;
  }

  /** Forgets the cached results of earlier queries (the filter closed); keeps the index. */
  forget(): void {
    this.cache.clear();
  }

  filter(query: string): readonly Finding[] {
    const tokens = tokensOf(query);
    if (!tokens.length) return this.list;
    const key = tokens.join(" ");
    const hit = this.cache.get(key);
    if (hit?.result) {
      this.cache.delete(key);
      this.cache.set(key, hit); // most recently used last
      return hit.result;
    }
    // While the index is still being built (in idle time), a substring query is answered
    // by a direct scan instead of finishing the build first: a key typed right after `/`
    // costs one pass over the list, not the whole build (which carries on between keys).
    const direct = this.index ? undefined : this.directMatch(tokens);
    if (!direct) this.prepare();
    const entry = direct ?? this.match(tokens);
    const matches = entry.substring.length ? entry.substring : entry.subsequence!;
    // Every finding matches (a first key such as "t" often does): the list itself, in its own
    // order as any large result is, instead of a copy of it (228,199 pointers at 150,000 pods,
    // allocated in the old generation: such copies on first keys brought major GCs into typing).
    entry.result =
      matches.length === this.list.length && matches.length > MAX_RANKED
        ? this.list
        : (this.unranked(matches) ?? this.rank(tokens, matches));
    this.remember(key, entry);
    return entry.result;
  }

  /** A cached list-order result for the same match set (a narrowing that removed nothing). */
  private unranked(matches: Int32Array): readonly Finding[] | undefined {
    if (matches.length <= MAX_RANKED) return undefined;
    for (const e of this.cache.values()) if (e.substring === matches || e.subsequence === matches) return e.result;
    return undefined;
  }

  /** The smallest cached match set that q refines, of the given kind. */
  private base(tokens: readonly string[], kind: "substring" | "subsequence"): Int32Array | undefined {
    let best: Int32Array | undefined;
    for (const e of this.cache.values()) {
      const set = kind === "substring" ? e.substring : e.subsequence;
      if (set && (!best || set.length < best.length) && refines(tokens, e.tokens)) best = set;
    }
    return best;
  }

  /** Lowercase head and tail per group of findings, for direct scans (no index yet). */
  private directGroups: Map<string, { first: Finding; head: string; tail: string }[]> | undefined;

  /**
   * The substring matches found by reading the findings themselves (the same parts the
   * index holds: a token lies in the head, the tail or the resource label). Undefined when
   * there are none (the subsequence fallback uses the index), and when more than
   * DIRECT_LABELS findings need their resource label read: building labels is most of
   * what the index build costs, so finishing the build is then no dearer.
   */
  private directMatch(tokens: string[]): Entry | undefined {
    let labels = 0;
    const from = this.base(tokens, "substring");
    const n = from ? from.length : this.list.length;
    const out = new Int32Array(n);
    let count = 0;
    const groups = (this.directGroups ??= new Map<string, { first: Finding; head: string; tail: string }[]>());
    const masks = new Map<object, number>();
    const all = (1 << Math.min(tokens.length, MASK_TOKENS)) - 1;
    for (let k = 0; k < n; k++) {
      const i = from ? from[k]! : k;
      const f = this.list[i]!;
      let same = groups.get(f.message);
      if (!same) groups.set(f.message, (same = []));
      let g = same.find((e) => sameGroup(e.first, f));
      if (!g) {
        g = {
          first: f,
          head: `${f.severity} ${f.check}`.toLowerCase(),
          tail: `${f.container ?? ""} ${f.title} ${f.message}`.toLowerCase(),
        };
        same.push(g);
      }
      let m = masks.get(g);
      if (m === undefined) masks.set(g, (m = tokenMask(g.head, g.tail, tokens)));
      if (m !== all || tokens.length > MASK_TOKENS) {
        if (++labels > DIRECT_LABELS) return undefined;
        const label = refLabel(f.resource).toLowerCase();
        let ok = true;
        for (let t = 0; t < tokens.length && ok; t++)
          ok = inGroup(m, t, g.head, g.tail, tokens) || label.includes(tokens[t]!);
        if (!ok) continue;
      }
      out[count++] = i;
    }
    if (!count) return undefined;
    return { tokens, substring: count === n ? (from ?? out) : out.slice(0, count) };
  }

  private match(tokens: string[]): Entry {
    const index = this.index!;
    const substring = index.substring(tokens, this.base(tokens, "substring"));
    if (substring.length) return { tokens, substring };
    return { tokens, substring, subsequence: index.subsequence(tokens.join(""), this.base(tokens, "subsequence")) };
  }

  private rank(tokens: readonly string[], matches: Int32Array): readonly Finding[] {
    const found = new Array<Finding>(matches.length);
    for (let k = 0; k < matches.length; k++) found[k] = this.list[matches[k]!]!;
    if (found.length <= 1 || found.length > MAX_RANKED) return found;
    const index = this.index;
    const fuse = new Fuse(
      Array.from(matches, (i, k) => ({ k, h: index ? index.haystack(i) : haystackOf(this.list[i]!) })),
      { keys: ["h"], ignoreLocation: true, threshold: 0.6, shouldSort: true },
    );
    const ranked = fuse.search(tokens.join(" ")).map((r) => r.item.k);
    // Every match passed the filter: the ones fuse scores too low follow the ranked ones.
    let out: Finding[];
    if (ranked.length === found.length) out = ranked.map((k) => found[k]!);
    else {
      const seen = new Uint8Array(found.length);
      for (const k of ranked) seen[k] = 1;
      out = [...ranked.map((k) => found[k]!), ...found.filter((_, k) => !seen[k])];
    }
    // The panel's order holds under a filter: severity first, fuse's relevance within one
    // severity (a stable sort keeps it).
    return out.sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
  }

  private remember(key: string, entry: Entry): void {
    this.cache.set(key, entry);
    // Entries share arrays when a narrowing removed nothing: count each array once.
    const sizes = new Map<object, number>();
    // The list itself costs the cache nothing.
    const add = (a: ArrayLike<unknown> | undefined) => a && a !== this.list && sizes.set(a, a.length);
    for (const e of this.cache.values()) {
      add(e.substring);
      add(e.subsequence);
      add(e.result);
    }
    let total = 0;
    for (const n of sizes.values()) total += n;
    for (const [k, e] of this.cache) {
      if (total <= CACHE_BUDGET || e === entry) break;
      this.cache.delete(k);
      const shared = (a: unknown) =>
        [...this.cache.values()].some((o) => o.substring === a || o.subsequence === a || o.result === a);
      for (const a of [e.substring, e.subsequence, e.result])
        if (a && sizes.has(a) && !shared(a)) {
          total -= sizes.get(a)!;
          sizes.delete(a);
        }
    }
  }
}

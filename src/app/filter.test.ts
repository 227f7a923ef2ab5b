import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Finding, makeFinding, type Severity } from "../analysis/finding.js";
import { FindingFilter, haystackOf, MAX_RANKED, refines, tokensOf } from "./filter.js";

const meta = {
  id: "pod.privileged",
  title: "Privileged container",
  severity: "critical" as const,
  panel: "pods" as const,
  description: "",
  remediation: "",
  references: [],
};
const finding = (ns: string, name: string, container = "app"): Finding =>
  makeFinding({
    meta,
    resource: { apiVersion: "v1", kind: "Pod", namespace: ns, name },
    container,
    message: `container ${container} runs privileged`,
  });

const list = [finding("shop", "frontend"), finding("shop", "backend"), finding("payments", "ledger", "worker")];

/** The definition the index must agree with: tokens as substrings of haystackOf, else its letters in order. */
function reference(list: readonly Finding[], query: string): Finding[] {
  const tokens = tokensOf(query);
  const substring = list.filter((f) => tokens.every((t) => haystackOf(f).includes(t)));
  if (substring.length) return substring;
  const needle = tokens.join("");
  return list.filter((f) => {
    const h = haystackOf(f);
    let i = 0;
    for (let j = 0; j < h.length && i < needle.length; j++) if (h[j] === needle[i]) i++;
    return i === needle.length;
  });
}

/** A one-off filter: a fresh index per query. */
const filterFindings = (list: readonly Finding[], query: string) => new FindingFilter(list).filter(query);

const ids = (fs: readonly Finding[]) => fs.map((f) => f.id);
const sortedIds = (fs: readonly Finding[]) => ids(fs).sort();

describe("filterFindings", () => {
  it("returns the list itself for an empty query", () => {
    expect(filterFindings(list, "  ")).toBe(list);
  });

  it.each([
    ["ledger", ["ledger"]],
    ["payments", ["ledger"]],
    ["shop end", ["frontend", "backend"]],
    ["WORKER", ["ledger"]],
    ["pod shop/front", ["frontend"]],
    // A typo: no substring matches, the subsequence fallback and fuse still find it.
    ["frntend", ["frontend"]],
    ["zzzz", []],
  ])("%s → %j", (q, names) => {
    expect(
      filterFindings(list, q)
        .map((f) => f.resource.name)
        .sort(),
    ).toEqual([...names].sort());
  });

  it("ranks the closest match first", () => {
    const ranked = filterFindings([finding("x", "front-end-legacy"), finding("x", "frontend")], "frontend");
    expect(ranked[0]!.resource.name).toBe("frontend");
    const typo = filterFindings([finding("x", "fxrxoxnxtxexnxd"), finding("x", "frontend")], "frntend");
    expect(typo[0]!.resource.name).toBe("frontend");
  });

  it("the haystack holds severity, check, resource, container, title and message, lowercase", () => {
    const h = haystackOf(finding("NS", "Name"));
    expect(h).toContain("critical pod.privileged pod ns/name app privileged container");
  });

  it("shows every match when there are more than fuse ranks, in list order", () => {
    const many = Array.from({ length: MAX_RANKED + 500 }, (_, i) => finding("bulk", `pod-${i}`));
    const found = filterFindings(many, "bulk");
    expect(found.length).toBe(many.length);
    expect(ids(found)).toEqual(ids(many));
  });

  it("matches uppercase names, cluster-scoped resources and tokens across namespace/name", () => {
    const odd = [
      finding("Team-A", "Web-1"),
      makeFinding({
        meta,
        resource: { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", name: "Admin" },
        message: "binds everything",
      }),
    ];
    expect(filterFindings(odd, "team-a/web").map((f) => f.resource.name)).toEqual(["Web-1"]);
    expect(filterFindings(odd, "clusterrole admin").map((f) => f.resource.name)).toEqual(["Admin"]);
    expect(filterFindings(odd, "crpadm").map((f) => f.resource.name)).toEqual(["Admin"]);
  });
});

describe("refines", () => {
  it.each([
    [["ab"], ["a"], true],
    [["ab", "c"], ["ab"], true],
    [["xaby"], ["ab"], true],
    [["a"], ["ab"], false],
    [["ab"], ["ab", "c"], false],
    [["c", "ab"], ["ab"], false],
  ])("%j refines %j: %s", (q, p, want) => {
    expect(refines(q, p)).toBe(want);
  });
});

// Small alphabets so that queries match some findings and not others, and typos happen.
const word = fc.stringMatching(/^[a-cA-C\-/]{1,6}$/);
const arbFinding = fc
  .record({
    ns: fc.option(word, { nil: undefined }),
    name: word,
    kind: fc.constantFrom("Pod", "Deployment", "ClusterRole"),
    container: fc.option(fc.constantFrom("app", "Side", "c-b"), { nil: undefined }),
    message: fc.constantFrom("runs as root", "mounts /var/run", "Needs CAP_SYS_ADMIN", "ab ba"),
    severity: fc.constantFrom<Severity>("critical", "low"),
  })
  .map((r) =>
    makeFinding({
      meta,
      resource: { apiVersion: "v1", kind: r.kind, ...(r.ns ? { namespace: r.ns } : {}), name: r.name },
      ...(r.container ? { container: r.container } : {}),
      message: r.message,
      severity: r.severity,
    }),
  );
/** Keys as typed into the filter line: a character, or a backspace (null). */
const arbKeys = fc.array(fc.option(fc.constantFrom("a", "b", "c", "-", "/", " ", "r", "o", "x"), { nil: null }), {
  maxLength: 14,
});

describe("FindingFilter: narrowing and the cache", () => {
  it("typing and backspacing gives exactly the results of a fresh filter, and of the definition", () => {
    fc.assert(
      fc.property(fc.array(arbFinding, { maxLength: 40 }), arbKeys, fc.nat(14), (fs, keys, builtAfter) => {
        // Without an index (direct scans), with one from the start, and one built mid-typing.
        const direct = new FindingFilter(fs);
        const indexed = new FindingFilter(fs);
        indexed.prepare();
        const mixed = new FindingFilter(fs);
        let query = "";
        for (const [n, key] of keys.entries()) {
          if (n === builtAfter) mixed.prepare();
          query = key === null ? query.slice(0, -1) : query + key;
          const got = direct.filter(query);
          const fresh = new FindingFilter(fs);
          fresh.prepare();
          expect(ids(got)).toEqual(ids(fresh.filter(query)));
          expect(ids(indexed.filter(query))).toEqual(ids(got));
          expect(ids(mixed.filter(query))).toEqual(ids(got));
          expect(sortedIds(got)).toEqual(sortedIds(reference(fs, query)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("answers a query it has seen from the cache, and forgets on request", () => {
    const filter = new FindingFilter(list);
    const first = filter.filter("shop");
    filter.filter("shop f");
    expect(filter.filter("shop")).toBe(first);
    filter.forget();
    const again = filter.filter("shop");
    expect(again).not.toBe(first);
    expect(ids(again)).toEqual(ids(first));
  });

  it("a query every finding matches gives the list itself, with or without the index (no copy)", () => {
    const many = Array.from({ length: MAX_RANKED + 10 }, (_, i) => finding("bulk", `pod-${i}`));
    for (const prepared of [false, true]) {
      const filter = new FindingFilter(many);
      if (prepared) filter.prepare();
      expect(filter.filter("b")).toBe(many);
      expect(filter.filter("bu")).toBe(many);
      expect(filter.filter("bulk pod-")).toBe(many);
      expect(ids(filter.filter("pod-1"))).toEqual(ids(reference(many, "pod-1")));
    }
    // Few enough for fuse to rank: a ranked copy, as before.
    expect(new FindingFilter(list).filter("p")).not.toBe(list);
  });

  it("builds its index in slices and gives the same results", () => {
    const many = Array.from({ length: 5000 }, (_, i) => finding(`ns-${i % 7}`, `pod-${i}`));
    const sliced = new FindingFilter(many);
    let slices = 0;
    while (!sliced.prepareFor(0)) slices++;
    expect(slices).toBeGreaterThan(0);
    expect(ids(sliced.filter("ns-3 pod-1"))).toEqual(ids(new FindingFilter(many).filter("ns-3 pod-1")));
    // Half built: a query is answered by a direct scan, the same answer.
    const half = new FindingFilter(many);
    half.prepareFor(0);
    expect(half.prepared).toBe(false);
    expect(ids(half.filter("ns-3 pod-1"))).toEqual(ids(sliced.filter("ns-3 pod-1")));
    expect(half.prepared).toBe(false);
    // A rebuild for the next list, in slices, keeping runs of labels from this one.
    const after = many.filter((_, i) => i % 97 !== 5);
    for (let i = 0; i < 30; i++) after.splice(i * 151, 0, finding(`NS-${i % 5}`, `New-${i}`));
    const next = new FindingFilter(after, sliced);
    while (!next.prepareFor(0));
    for (const q of ["ns-3 pod-1", "new-2", "ns-4", "pod-4999", "ns-1/new"])
      expect(ids(next.filter(q))).toEqual(ids(new FindingFilter(after).filter(q)));
  });

  it("a filter built from the previous list's index gives the results of a fresh one", () => {
    fc.assert(
      fc.property(
        fc.array(arbFinding, { maxLength: 40 }),
        fc.array(fc.boolean(), { maxLength: 40 }),
        fc.array(arbFinding, { maxLength: 10 }),
        fc.array(fc.constantFrom("a", "b", "c", "ro", "b/a", "x"), { minLength: 1, maxLength: 4 }),
        (before, keep, added, queries) => {
          const previous = new FindingFilter(before);
          previous.prepare();
          // The next result: some findings gone, new ones in between, the rest the same objects in the same order.
          const after = before.filter((_, i) => keep[i] ?? true);
          for (const [i, f] of added.entries()) after.splice((i * 7) % (after.length + 1), 0, f);
          const next = new FindingFilter(after, previous);
          next.prepare();
          for (const q of queries) expect(ids(next.filter(q))).toEqual(ids(new FindingFilter(after).filter(q)));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("the filter keeps severity order (issue 14)", () => {
  it("a better-matching low finding never rises above a critical one", () => {
    const at = (severity: Severity, name: string, message: string) =>
      makeFinding({
        meta: { ...meta, severity, id: `x.${severity}` },
        resource: { apiVersion: "v1", kind: "Pod", namespace: "shop", name },
        message,
      });
    // Panel order: most severe first.
    const panel = [
      at("critical", "a-long-unrelated-name", "shares the node's network namespace and more, web somewhere"),
      at("high", "web-2", "runs as root, web"),
      at("low", "web", "web"),
    ];
    const got = filterFindings(panel, "web").map((f) => f.severity);
    expect(got).toEqual(["critical", "high", "low"]);
  });
});

import { describe, expect, it } from "vitest";
import { rng } from "../../test/bench/generate.js";
import { bound, patchSorted } from "./sorted.js";

type Item = { key: number; tag: number };
const order = (a: Item, b: Item) => a.key - b.key;

describe("patchSorted", () => {
  it("equals a fresh sort after random removals and insertions (ties included)", () => {
    const r = rng(3);
    let tag = 0;
    const item = (): Item => ({ key: Math.floor(r() * 40), tag: tag++ });
    let list = Array.from({ length: 200 }, item).sort(order);
    for (let round = 0; round < 200; round++) {
      const removed = list.filter(() => r() < 0.05);
      const added = Array.from({ length: Math.floor(r() * 10) }, item);
      const next = patchSorted(list, removed, added, order)!;
      const gone = new Set(removed);
      const expected = [...list.filter((x) => !gone.has(x)), ...added].sort(order);
      expect(next.map((x) => x.key)).toEqual(expected.map((x) => x.key));
      expect(new Set(next)).toEqual(new Set(expected));
      list = next;
    }
  });

  it("says undefined when a removed element is not in the list", () => {
    const list = [1, 2, 3].map((key) => ({ key, tag: key }));
    expect(patchSorted(list, [{ key: 2, tag: 9 }], [], order)).toBeUndefined();
    expect(list.map((x) => x.key)).toEqual([1, 2, 3]);
  });

  it("bound finds the first element not before (or, strict, after) a key", () => {
    const list = [1, 2, 2, 2, 5].map((key) => ({ key, tag: 0 }));
    expect(bound(list, { key: 2, tag: 0 }, order)).toBe(1);
    expect(bound(list, { key: 2, tag: 0 }, order, true)).toBe(4);
    expect(bound(list, { key: 9, tag: 0 }, order)).toBe(5);
  });
});

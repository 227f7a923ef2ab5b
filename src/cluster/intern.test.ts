import { describe, expect, it } from "vitest";
import { sharedString } from "../util/shared-string.js";
import { Interner } from "./intern.js";

describe("Interner", () => {
  it("returns a deep-equal value whose equal subtrees are one shared, frozen object", () => {
    const i = new Interner();
    const a = i.value({ env: [{ name: "A", value: "1" }], sc: { runAsUser: 0 }, name: "a" });
    const b = i.value({ env: [{ name: "A", value: "1" }], sc: { runAsUser: 0 }, name: "b" });
    expect(a).toEqual({ env: [{ name: "A", value: "1" }], sc: { runAsUser: 0 }, name: "a" });
    expect(b.env).toBe(a.env);
    expect(b.sc).toBe(a.sc);
    expect(b).not.toBe(a);
    expect(Object.isFrozen(a.env)).toBe(true);
  });

  it("tells apart values that differ in key order, type or array length", () => {
    const i = new Interner();
    const cases = [{ a: 1, b: 2 }, { b: 2, a: 1 }, { a: "1", b: 2 }, [1, 2], [1, 2, 3], { a: true }, { a: null }, {}];
    const out = cases.map((c) => i.value(c));
    out.forEach((o, n) => {
      expect(o).toEqual(cases[n]);
      expect(Object.keys(o)).toEqual(Object.keys(cases[n]!));
    });
    expect(new Set(out).size).toBe(cases.length);
  });

  it("keeps values that are not plain JSON as they are, and their parents unshared", () => {
    const i = new Interner();
    const d = new Date(0);
    const a = i.value({ when: d });
    const b = i.value({ when: d });
    expect(a.when).toBe(d);
    expect(a).not.toBe(b);
  });
});

describe("sharedString", () => {
  it("returns an equal string, the same for equal inputs, and leaves index-like strings and non-strings alone", () => {
    const x = `container "${"app".repeat(2)}" runs privileged`;
    expect(sharedString(x)).toBe(x);
    expect(sharedString("12")).toBe("12");
    expect(sharedString(5 as unknown as string)).toBe(5);
  });
});

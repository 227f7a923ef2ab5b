import { describe, expect, it } from "vitest";
import { type Finding, makeFinding } from "../analysis/finding.js";
import { filterFindings, haystackOf, MAX_CANDIDATES } from "./filter.js";

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

describe("filterFindings", () => {
  it("returns the list itself for an empty query", () => {
    expect(filterFindings(list, "  ")).toBe(list);
  });

  it.each([
    ["ledger", ["ledger"]],
    ["payments", ["ledger"]],
    ["shop end", ["frontend", "backend"]],
    ["WORKER", ["ledger"]],
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
  });

  it("caches one lowercase haystack per finding", () => {
    const f = finding("NS", "Name");
    expect(haystackOf(f)).toBe(haystackOf(f));
    expect(haystackOf(f)).toContain("pod ns/name");
  });

  it("hands fuse at most MAX_CANDIDATES findings", () => {
    const many = Array.from({ length: MAX_CANDIDATES + 500 }, (_, i) => finding("bulk", `pod-${i}`));
    expect(filterFindings(many, "bulk").length).toBe(MAX_CANDIDATES);
  });
});

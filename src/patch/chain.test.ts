import { describe, expect, it } from "vitest";
import type { Finding } from "../analysis/finding.js";
import { withChainParts } from "./chain.js";

const f = (id: string, chain?: string[]): Finding => ({
  id,
  check: "c",
  panel: "pods",
  severity: "high",
  title: "t",
  message: "m",
  resource: { apiVersion: "v1", kind: "Pod", name: id },
  ...(chain ? { chain } : {}),
});

describe("withChainParts", () => {
  it("adds the links of an attack path once, and ignores unknown ids", () => {
    const all = [f("a"), f("b"), f("path", ["a", "b", "gone"])];
    expect(withChainParts([all[2]!, all[0]!], all).map((x) => x.id)).toEqual(["path", "a", "b"]);
    expect(withChainParts([all[0]!], all).map((x) => x.id)).toEqual(["a"]);
  });
});

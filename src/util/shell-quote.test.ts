import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { shellQuote } from "./shell-quote.js";

describe("shellQuote", () => {
  it("leaves plain Kubernetes names alone", () => {
    expect(shellQuote("my-binding.v1")).toBe("my-binding.v1");
    expect(shellQuote("system:controller:x")).toBe("system:controller:x");
  });

  it("quotes what a shell would interpret, and the shell gives the value back", () => {
    for (const hostile of ["a b", "$(rm -rf /)", "x;y", "it's", "`id`", "*", "", "a'b\"c"]) {
      const q = shellQuote(hostile)!;
      const echoed = spawnSync("sh", ["-c", `printf %s ${q}`], { encoding: "utf8" }).stdout;
      expect(echoed).toBe(hostile);
    }
  });

  it("refuses control characters", () => {
    expect(shellQuote("a\nb")).toBeUndefined();
    expect(shellQuote("\u001b[31m")).toBeUndefined();
  });
});

// V8 reads STARTUP_FLAGS only when node starts: the bin's shebang and `npm start`
// must carry them, or the CLI runs with a larger young generation than the bench measured.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { STARTUP_FLAGS } from "../../src/util/heap.js";

const root = new URL("../../", import.meta.url);

describe("startup V8 flags", () => {
  it("the bin's shebang passes every startup flag to node", () => {
    const shebang = readFileSync(new URL("bin/kubeward.js", root), "utf8").split("\n")[0]!;
    expect(shebang.startsWith("#!/usr/bin/env -S node ")).toBe(true);
    for (const flag of STARTUP_FLAGS) expect(shebang.split(" ")).toContain(flag);
  });

  it("npm start runs the bin with every startup flag", () => {
    const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as { scripts: { start: string } };
    const run = pkg.scripts.start
      .split("&&")
      .map((s) => s.trim())
      .find((s) => s.endsWith("bin/kubeward.js"))!;
    for (const flag of STARTUP_FLAGS) expect(run.split(" ")).toContain(flag);
  });
});

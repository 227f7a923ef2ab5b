import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { firstFrameLines, showFirstFrame } from "../../views/first-frame.js";
import { CLEAR_SCREEN, RESTORE_TERMINAL } from "../../views/terminal.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Value imports that load with a module (not `import type`, not `import()`): repository paths and packages. */
function staticImports(path: string): string[] {
  const text = readFileSync(join(ROOT, path), "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(
    /^(?:import|export)\s+(?!type\s)[^;]*?from\s*["']([^"']+)["']|^import\s+["']([^"']+)["']/gm,
  )) {
    const spec = (m[1] ?? m[2])!;
    if (!spec.startsWith(".")) out.push(spec);
    else {
      const ts = relative(ROOT, resolve(ROOT, dirname(path), spec))
        .split("\\")
        .join("/")
        .replace(/\.js$/, ".ts");
      out.push(existsSync(join(ROOT, ts)) ? ts : `${ts}x`);
    }
  }
  return out;
}

/** Everything src/cli.ts loads before main() runs, and what the first frame itself loads. */
function beforeFirstFrame(): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = ["src/cli.ts", "src/commands/select-source.ts", "src/cluster/live.ts", "views/first-frame.ts"];
  while (todo.length) {
    const path = todo.pop()!;
    if (files.has(path)) continue;
    files.add(path);
    for (const dep of staticImports(path)) {
      if (dep.startsWith("src/") || dep.startsWith("views/")) todo.push(dep);
      else packages.add(dep.startsWith("@") ? dep.split("/").slice(0, 2).join("/") : dep.split("/")[0]!);
    }
  }
  return { files, packages };
}

describe("the first frame (views/first-frame.ts)", () => {
  it("loads only meow and Node's own modules before it is drawn: no Ink, React, client-node, YAML or analysis", () => {
    const { files, packages } = beforeFirstFrame();
    expect([...packages].filter((p) => !p.startsWith("node:")).sort()).toEqual(["meow"]);
    const heavy = [...files].filter((f) =>
      /^src\/(analysis|store|triage|report|patch|app)\/|^views\/(?!first-frame|header-text|terminal|text)/.test(f),
    );
    expect(heavy).toEqual([]);
  });

  it("shows the header's words and what is loading; cluster-controlled text is sanitised", () => {
    expect(firstFrameLines({ kind: "live", context: "prod\u001b[31m", namespace: "shop" }, 80)).toEqual([
      "kubeward live · ctx prod␛[31m · ns shop",
      "connecting…",
    ]);
    expect(firstFrameLines({ kind: "demo", note: "no kubeconfig found" }, 80)).toEqual([
      "kubeward demo · ns all",
      "loading the demo…",
      "no kubeconfig found",
    ]);
    expect(firstFrameLines({ kind: "live", context: "x".repeat(200) }, 40)[0]).toHaveLength("kubeward ".length + 30);
  });
});

describe("showFirstFrame", () => {
  const fake = (isTTY = true) => {
    const writes: string[] = [];
    return { writes, out: { isTTY, columns: 80, write: (s: string) => writes.push(s) > 0 } };
  };
  const listeners = () =>
    process.listenerCount("SIGINT") + process.listenerCount("SIGTERM") + process.listenerCount("SIGHUP");
  const before = listeners();
  afterEach(() => expect(listeners()).toBe(before));

  it("enters the alternate screen and writes the frame; leaves it when the UI fails before Ink draws", () => {
    const { writes, out } = fake();
    const frame = showFirstFrame({ kind: "live" }, out as never, {});
    expect(writes[0]).toContain("\u001b[?1049h");
    expect(writes[0]).toContain("\u001b[1;32mkubeward\u001b[0m live · ns all");
    expect(listeners()).toBe(before + 3);
    frame.restore();
    expect(writes.slice(1)).toEqual([RESTORE_TERMINAL]);
  });

  it("clears the screen for Ink and leaves the terminal to Ink's runner after", () => {
    const { writes, out } = fake();
    const frame = showFirstFrame({ kind: "live" }, out as never, {});
    frame.handOver();
    frame.handOver();
    frame.restore();
    expect(writes.slice(1)).toEqual([CLEAR_SCREEN]);
  });

  it("writes no colour with NO_COLOR, and nothing at all when stdout is not a terminal", () => {
    const colour = fake();
    showFirstFrame({ kind: "live" }, colour.out as never, { NO_COLOR: "1" }).restore();
    expect(colour.writes[0]).not.toMatch(/\u001b\[[0-9;]*m/);
    const pipe = fake(false);
    showFirstFrame({ kind: "live" }, pipe.out as never, {}).restore();
    expect(pipe.writes).toEqual([]);
  });
});

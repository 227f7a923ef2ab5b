import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * DESIGN §2: imports run down this list and never up.
 *   views → app → commands/report/patch/triage → analysis → store → cluster → util
 * src/cli.ts is the entry point above everything (it starts views/tui.ts, the Ink runner).
 * commands sit just above report/patch/triage (a command renders reports and writes
 * patches; none of those runs a command). Folders on the same rank may import each other
 * (report may use patch's renderer); a folder may always import itself.
 * A new top-level folder under src/ must be given a rank here, or this test fails on it.
 */
const RANKS: Readonly<Record<string, number>> = {
  "src/cli.ts": 9,
  views: 8,
  "src/app": 7,
  "src/commands": 6,
  "src/report": 5,
  "src/patch": 5,
  "src/triage": 5,
  "src/analysis": 4,
  "src/store": 3,
  "src/cluster": 2,
  "src/util": 1,
};

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** The layer a repository path belongs to: the longest key of RANKS it starts with. */
export function layerOf(path: string): string | undefined {
  let best: string | undefined;
  for (const key of Object.keys(RANKS)) {
    if ((path === key || path.startsWith(`${key}/`)) && (best === undefined || key.length > best.length)) best = key;
  }
  return best;
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^"'`;]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** Every relative import of a file, as repository paths (".js" → ".ts"/".tsx" left to the caller). */
export function importsOf(path: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    if (spec === undefined || !spec.startsWith(".")) continue;
    out.push(
      relative(ROOT, resolve(ROOT, dirname(path), spec))
        .split("\\")
        .join("/"),
    );
  }
  return out;
}

/** "from imports to: why" for each import that runs up the layers. */
export function violations(files: readonly { path: string; text: string }[]): string[] {
  const bad: string[] = [];
  for (const { path, text } of files) {
    const from = layerOf(path);
    if (from === undefined) {
      bad.push(`${path}: in no layer (give its folder a rank in test/unit/layers.test.ts)`);
      continue;
    }
    for (const target of importsOf(path, text)) {
      const to = layerOf(target);
      if (to === undefined) {
        bad.push(`${path} imports ${target}: outside the layers`);
        continue;
      }
      if (to === from) continue;
      if (RANKS[to]! > RANKS[from]!) bad.push(`${path} imports ${target}: ${from} may not import ${to}`);
    }
  }
  return bad;
}

describe("layers (DESIGN §2)", () => {
  it("no import in src/ or views/ runs up the layers", () => {
    const files = [...sourceFiles("src"), ...sourceFiles("views")].map((path) => ({
      path,
      text: readFileSync(join(ROOT, path), "utf8"),
    }));
    expect(files.length).toBeGreaterThan(100);
    expect(violations(files)).toEqual([]);
  });

  it("would catch the backwards imports the issue names", () => {
    const bad = violations([
      { path: "src/analysis/analyzer.ts", text: 'import { forgetOwnerTops } from "../patch/owner.js";' },
      { path: "src/cluster/demo/cluster.ts", text: 'import { analyze } from "../../analysis/analyzer.js";' },
      { path: "src/cluster/live/http.ts", text: 'import { VERSION } from "../../app/version.js";' },
      { path: "src/store/store.ts", text: 'import type { Finding } from "../analysis/finding.js";' },
      { path: "src/app/x.ts", text: 'const v = await import("../../views/App.js");' },
      { path: "src/report/text.ts", text: 'export { x } from "../app/panels.js";' },
      { path: "src/patch/plan.ts", text: 'import { runScan } from "../commands/scan.js";' },
      { path: "src/newfolder/x.ts", text: "" },
    ]);
    expect(bad).toHaveLength(8);
    expect(violations([{ path: "src/patch/plan.ts", text: 'import { owner } from "../store/owner.js";' }])).toEqual([]);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkMetas } from "../analysis/registry.js";
import { KUBEAUDIT_OVERRIDES, POLARIS_EXEMPTIONS } from "./overrides.js";

const doc = readFileSync(new URL("../../docs/overrides.md", import.meta.url), "utf8");
const known = new Set(checkMetas().map((m) => m.id));
const row = (first: string) => doc.split("\n").find((l) => l.startsWith(`| \`${first}`));

describe("the peers' override table (docs/overrides.md) and the code agree", () => {
  it.each(KUBEAUDIT_OVERRIDES.map((o) => [o.override, o.checks] as const))("kubeaudit %s", (override, checks) => {
    const line = row(override);
    expect(line, `no row for ${override}`).toBeDefined();
    for (const c of checks) {
      expect(known.has(c)).toBe(true);
      expect(line).toContain(`\`${c}\``);
    }
  });

  it.each(POLARIS_EXEMPTIONS.map((p) => [p.check, p.checks] as const))("Polaris %s", (check, checks) => {
    const line = row(`${check}\``);
    expect(line, `no row for ${check}`).toBeDefined();
    for (const c of checks) {
      expect(known.has(c)).toBe(true);
      expect(line).toContain(`\`${c}\``);
    }
  });
});

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";
import { UsageError } from "./select-source.js";

const dir = mkdtempSync(join(tmpdir(), "kubeward-config-"));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe("--config", () => {
  it.each([
    [
      "a list",
      "trustedRegistries: [quay.io, ' registry.example.com/team ']\n",
      ["quay.io", "registry.example.com/team"],
    ],
    ["a block list", "trustedRegistries:\n  - ghcr.io\n", ["ghcr.io"]],
    ["an empty file", "", []],
    ["no trustedRegistries", "other: 1\n", []],
  ])("reads %s", (_, text, expected) => {
    expect(loadConfig(file("ok.yaml", text)).trustedRegistries).toEqual(expected);
  });

  it.each([
    ["a missing file", join(dir, "nope.yaml"), /cannot read/],
    ["bad YAML", file("bad.yaml", "trustedRegistries: [a\n"), /not valid YAML/],
    ["a list at top level", file("list.yaml", "- a\n"), /expected a mapping/],
    ["a non-string registry", file("num.yaml", "trustedRegistries: [1]\n"), /list of registry names/],
  ])("rejects %s with a usage error", (_, path, message) => {
    expect(() => loadConfig(path)).toThrow(UsageError);
    expect(() => loadConfig(path)).toThrow(message);
  });
});

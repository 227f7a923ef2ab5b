import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAllDocuments, stringify } from "yaml";
import { syntheticCluster } from "../../test/bench/generate.js";
import { fastDocuments } from "./yaml-fast.js";

/** What the `yaml` parser makes of the text: the reference the fast path must equal. */
function reference(text: string) {
  const parsed = parseAllDocuments(text);
  return (Array.isArray(parsed) ? parsed : [parsed]).map((d) => ({ value: d.toJS(), start: d.range?.[0] ?? 0 }));
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(name) ? [p] : [];
  });
}

describe("fast multi-document YAML", () => {
  it("reads every plain fixture exactly as the yaml parser does (values and document starts)", () => {
    let read = 0;
    for (const file of yamlFiles(join(import.meta.dirname, "../../test/fixtures"))) {
      const text = readFileSync(file, "utf8");
      const fast = fastDocuments(text);
      if (!fast) continue;
      if (parseAllDocuments(text).some?.((d) => d.errors.length)) continue;
      expect(fast, file).toEqual(reference(text));
      read++;
    }
    expect(read).toBeGreaterThanOrEqual(2);
  });

  it("reads a synthetic cluster dump (the bench's) exactly as the yaml parser does", () => {
    const objects = [...syntheticCluster({ pods: 300, seed: 7 })];
    const text = objects.map((o) => `---\n${stringify(o)}`).join("");
    const fast = fastDocuments(text);
    expect(fast?.length).toBe(objects.length);
    expect(fast).toEqual(reference(text));
  });

  it("equals the yaml parser on random manifests, separators, comments and block scalars", () => {
    const scalar = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom("yes", "no", "0o17", "012", "1e3", ".inf", "~", "2024-01-01T00:00:00Z", "a: b", "- x", "--- x"),
    );
    const obj = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 8 }),
      fc.oneof(
        scalar,
        fc.array(scalar, { maxLength: 3 }),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), scalar),
      ),
      { maxKeys: 5 },
    );
    const doc = fc.record({
      value: fc.oneof(obj, fc.constant(null)),
      comment: fc.boolean(),
      blank: fc.boolean(),
      block: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 5 }), fc.boolean(), (docs, leadingMarker) => {
        const parts = docs.map((d, i) => {
          let body = d.value === null ? "" : stringify(d.value);
          if (d.block) body += "script: |\n  echo one\n  --- not a marker when indented\n";
          const head = `${d.comment ? "# note\n" : ""}${d.blank ? "\n" : ""}`;
          return i === 0 && !leadingMarker ? `${head}${body}` : `${head}---\n${body}`;
        });
        const text = parts.join("");
        const fast = fastDocuments(text);
        if (fast) expect(fast).toEqual(reference(text));
      }),
      { numRuns: 300 },
    );
  });

  it("leaves anchors, aliases, tags, directives and end markers to the yaml parser", () => {
    for (const text of ["a: &x 1\nb: *x\n", "a: !!str 1\n", "%YAML 1.2\n---\na: 1\n", "a: 1\n...\n"])
      expect(fastDocuments(text)).toBeUndefined();
  });

  it("gives up on a document it cannot read, so the yaml parser reports it", () => {
    expect(fastDocuments("a: 1\n---\nb: [1, 2\n")).toBeUndefined();
    expect(fastDocuments("a: 1\na: 2\n")).toBeUndefined(); // duplicate keys: an error, as in yaml
  });
});

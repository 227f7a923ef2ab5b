import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LineCounter, parseDocument } from "yaml";
import { checkMetas } from "../analysis/registry.js";
import { parseBaseline } from "./baseline.js";
import { parseExceptions } from "./exceptions.js";
import { compileGlob } from "./glob.js";
import { appendExceptions } from "./write.js";

const KNOWN = new Set(checkMetas().map((m) => m.id));
const parse = (text: string) => {
  const lc = new LineCounter();
  return parseExceptions(parseDocument(text, { lineCounter: lc }), lc, "cfg.yaml", KNOWN);
};

describe("globs", () => {
  it.each([
    ["pod.*", "pod.privileged", true],
    ["pod.*", "rbac.wildcard", false],
    ["kube-?roxy", "kube-proxy", true],
    ["web-[0-9]", "web-7", true],
    ["web-[!0-9]", "web-7", false],
    ["a.b", "aXb", false],
    ["exact", "exact", true],
  ])("%s on %s → %s", (pattern, text, expected) => {
    const g = compileGlob(pattern);
    if ("error" in g) throw new Error(g.error);
    expect(g(text)).toBe(expected);
  });

  it.each(["", "web-[0-9", "a]b", "[z-a]"])("rejects %j", (pattern) => {
    expect(compileGlob(pattern)).toHaveProperty("error");
  });
});

describe("exceptions in the config file", () => {
  it("reports every bad entry with its line and loads the rest", () => {
    const { exceptions, problems } = parse(`exceptions:
  - check: pod.privileged
    reason: fine
  - check: pod.privileged
  - check: pod.nonexistent
    reason: r
  - check: pod.privileged
    reason: r
    expires: 2026-13-01
  - check: pod.privileged
    name: "web-[0"
    reason: r
  - check: "nothing.*"
    reason: r
  - check: pod.privileged
    reason: r
    color: blue
  - just a string
  - check: image.*
    reason: ok too
    expires: 2027-03-01
`);
    expect(exceptions.map((e) => e.acceptance.source)).toEqual(["config:cfg.yaml:2", "config:cfg.yaml:19"]);
    expect(exceptions[1]!.acceptance.expires).toBe("2027-03-01");
    expect(problems.map((p) => `${p.line} ${p.message}`)).toEqual([
      "4 exceptions[1]: no reason for pod.privileged (every exception says why it is accepted)",
      '5 exceptions[2]: unknown check id "pod.nonexistent" (see docs/checks.md)',
      '9 exceptions[3]: bad date "2026-13-01" in expires (YYYY-MM-DD)',
      '11 exceptions[4]: bad glob in name "web-[0": unclosed "[" at 5',
      '13 exceptions[5]: unknown check id "nothing.*" (see docs/checks.md)',
      '17 exceptions[6]: unknown field "color" (fields: check, namespace, kind, name, container, reason, expires, by)',
      "18 exceptions[7]: expected a mapping with check and reason",
    ]);
    expect(problems.every((p) => p.file === "cfg.yaml")).toBe(true);
  });

  it("no exceptions key, or an empty one, is no exception and no problem", () => {
    expect(parse("trustedRegistries: [a]\n")).toEqual({ exceptions: [], problems: [] });
    expect(parse("exceptions:\n")).toEqual({ exceptions: [], problems: [] });
    expect(parse("exceptions: 3\n").problems[0]!.message).toBe("exceptions must be a list");
  });
});

describe("appending exceptions (x)", () => {
  const dir = mkdtempSync(join(tmpdir(), "kubeward-accept-"));

  it("keeps comments, order and the other settings; appends to the list", () => {
    const file = join(dir, "team.yaml");
    writeFileSync(
      file,
      "# our settings\ntrustedRegistries: [quay.io] # mirror\nexceptions:\n  # the CNI\n  - check: pod.privileged\n    reason: cni\n",
    );
    appendExceptions(file, [
      {
        check: "pod.host-path",
        namespace: "mon",
        kind: "DaemonSet",
        name: "node-exporter",
        reason: "reads /proc; see SEC-12",
        expires: "2027-01-31",
      },
    ]);
    const text = readFileSync(file, "utf8");
    expect(text).toBe(`# our settings
trustedRegistries: [quay.io] # mirror
exceptions:
  # the CNI
  - check: pod.privileged
    reason: cni
  - check: pod.host-path
    namespace: mon
    kind: DaemonSet
    name: node-exporter
    reason: reads /proc; see SEC-12
    expires: 2027-01-31
`);
    expect(parse(text).exceptions).toHaveLength(2);
  });

  it("turns an empty flow list into a block list", () => {
    const file = join(dir, "flow.yaml");
    writeFileSync(file, "exceptions: [] # none yet\n");
    appendExceptions(file, [{ check: "pod.privileged", reason: "r" }]);
    const text = readFileSync(file, "utf8");
    expect(text.startsWith("exceptions:\n  - check: pod.privileged\n    reason: r\n")).toBe(true);
    expect(text).toContain("# none yet");
  });

  it("creates the file (and its directory) when absent", () => {
    const file = join(dir, "new", "kubeward", "config.yaml");
    appendExceptions(file, [{ check: "pod.privileged", reason: 'quotes " and: colons' }]);
    const { exceptions } = parse(readFileSync(file, "utf8"));
    expect(exceptions[0]!.acceptance.reason).toBe('quotes " and: colons');
  });

  it("refuses a file that is not YAML, and leaves it alone", () => {
    const file = join(dir, "bad.yaml");
    writeFileSync(file, "exceptions: [a\n");
    expect(() => appendExceptions(file, [{ check: "pod.privileged", reason: "r" }])).toThrow(/not valid YAML/);
    expect(readFileSync(file, "utf8")).toBe("exceptions: [a\n");
  });
});

describe("baselines", () => {
  it("marks findings new or unchanged and lists the resolved ones", () => {
    const b = parseBaseline(
      "old.json",
      JSON.stringify({
        findings: [
          { id: "a", check: "x" },
          { id: "b", check: "y" },
        ],
      }),
    );
    expect(b.stateOf("a")).toBe("unchanged");
    expect(b.stateOf("c")).toBe("new");
    expect(b.resolved([{ id: "a" }, { id: "c" }])).toEqual([{ id: "b", check: "y" }]);
  });

  it.each([
    ["not json", /not JSON/],
    ["{}", /not a kubeward JSON report/],
    ['{"findings":[{"check":"x"}]}', /without an id/],
  ])("rejects %s", (text, message) => {
    expect(() => parseBaseline("f.json", text)).toThrow(message);
  });
});

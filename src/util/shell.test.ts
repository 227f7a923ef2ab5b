import { execFileSync, spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shellWords } from "../../test/support/shell-words.js";
import { isDnsLabel, isDnsSubdomain, isLabelKey, isLabelValue, sh, shellQuote } from "./shell.js";

describe("shellQuote", () => {
  it("leaves plain words bare and quotes anything a shell would interpret", () => {
    expect(shellQuote("crypto-miner")).toBe("crypto-miner");
    expect(shellQuote("evidence/logs-app.txt")).toBe("evidence/logs-app.txt");
    expect(shellQuote("")).toBe("''");
    expect(shellQuote("a b")).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });

  it("gives back exactly the value through a real shell, whatever it holds", () => {
    const hostile = ["web$(touch /tmp/x)", "a;id", "`id`", "x'y\"z", "new\nline", "*", "~root", "-n", "a|b&c>d"];
    for (const value of hostile) {
      const out = execFileSync("sh", ["-c", `printf '%s' ${shellQuote(value)}`], { encoding: "utf8" });
      expect(out).toBe(value);
    }
  });
});

describe("Kubernetes name rules", () => {
  it("accepts what the API accepts and rejects the rest", () => {
    expect(isDnsLabel("dev")).toBe(true);
    expect(isDnsLabel("Dev")).toBe(false);
    expect(isDnsLabel("a".repeat(64))).toBe(false);
    expect(isDnsSubdomain("web-7d9f.x2k9p")).toBe(true);
    expect(isDnsSubdomain("web;id")).toBe(false);
    expect(isDnsSubdomain("web$(id)")).toBe(false);
    expect(isDnsSubdomain("")).toBe(false);
    expect(isLabelKey("kubeward.io/quarantine")).toBe(true);
    expect(isLabelKey("app")).toBe(true);
    expect(isLabelKey("bad key")).toBe(false);
    expect(isLabelValue("q-1a2b")).toBe(true);
    expect(isLabelValue("")).toBe(true);
    expect(isLabelValue("a b")).toBe(false);
  });
});

const HOSTILE = fc.string({ unit: fc.constantFrom(..."aZ0-._/ ;$()`'\"\\&|<>*?!#~{}[]\n\t\u001b%=@,:") });

describe("sh and shellQuote on any value", () => {
  it("sh quotes every interpolated value, numbers too", () => {
    expect(sh`kubectl delete secret ${"a;b"} -n ${"prod"}`).toBe("kubectl delete secret 'a;b' -n prod");
    expect(sh`x ${7}`).toBe("x 7");
    expect(shellQuote("web$(touch /tmp/x)")).toBe("'web$(touch /tmp/x)'");
  });

  it("is one word that reads back as the value (property)", () => {
    fc.assert(
      fc.property(HOSTILE, (v) => {
        expect(shellWords(`x ${shellQuote(v)} y`)).toEqual(["x", v, "y"]);
      }),
      { numRuns: 500 },
    );
  });

  it("sh reads 200 random hostile values back unchanged and runs nothing", () => {
    const values = fc.sample(HOSTILE, 200).filter((v) => !v.includes("\u0000"));
    const script = values.map((v) => `printf '%s\\0' ${shellQuote(v)}`).join("\n");
    const r = spawnSync("sh", ["-c", script], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout.split("\u0000").slice(0, -1)).toEqual(values);
  });
});

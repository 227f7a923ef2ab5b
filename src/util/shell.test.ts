import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { isDnsLabel, isDnsSubdomain, isLabelKey, isLabelValue, shellQuote } from "./shell.js";

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

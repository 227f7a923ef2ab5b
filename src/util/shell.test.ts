import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shellWords } from "../../test/support/shell-words.js";
import { sh, shellQuote } from "./shell.js";

const HOSTILE = fc.string({ unit: fc.constantFrom(..."aZ0-._/ ;$()`'\"\\&|<>*?!#~{}[]\n\t\u001b%=@,:") });

describe("shellQuote", () => {
  it("leaves plain words alone and quotes everything else", () => {
    expect(shellQuote("deployment/web")).toBe("deployment/web");
    expect(shellQuote("web$(touch /tmp/x)")).toBe("'web$(touch /tmp/x)'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote("")).toBe("''");
    expect(shellQuote("a\nb")).toBe("$'a\\x0ab'");
    expect(sh`kubectl delete secret ${"a;b"} -n ${"prod"}`).toBe("kubectl delete secret 'a;b' -n prod");
  });

  it("is one word that reads back as the value, for any value", () => {
    fc.assert(
      fc.property(HOSTILE, (v) => {
        expect(shellWords(`x ${shellQuote(v)} y`)).toEqual(["x", v, "y"]);
      }),
      { numRuns: 500 },
    );
  });

  it("bash reads every quoted value back unchanged and runs nothing", () => {
    const values = fc.sample(HOSTILE, 200).filter((v) => !v.includes("\u0000"));
    const script = values.map((v) => `printf '%s\\0' ${shellQuote(v)}`).join("\n");
    const r = spawnSync("bash", ["-c", script], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout.split("\u0000").slice(0, -1)).toEqual(values);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { printable, sanitize, sanitizeOutput } from "./sanitize.js";

describe("sanitize", () => {
  it("makes escape sequences inert", () => {
    expect(sanitize("\u001b]0;pwned\u0007\u001b[2Jhi")).toBe("␛]0;pwned\\x07␛[2Jhi");
    expect(sanitize("a\u009b31mb")).toBe("a\\x9b31mb");
    expect(sanitize("line1\nline2\tx")).toBe("line1 line2 x");
  });

  it("never lets a control character through, whatever the input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(sanitize(s)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      }),
    );
  });
});

describe("sanitizeOutput (every CLI write)", () => {
  it("keeps lines and tabs, escapes every other control byte", () => {
    expect(sanitizeOutput("a\tb\nc\u001b]0;x\u0007\r\u009b")).toBe("a\tb\nc␛]0;x\\x07\\x0d\\x9b");
    expect(sanitizeOutput('{"image": "nginx\\u001b"}')).toBe('{"image": "nginx\\u001b"}');
  });
});

describe("printable", () => {
  it("drops every control character and keeps the rest", () => {
    expect(printable("al\u001b[2Jice\u0007\n\u009b")).toBe("al[2Jice");
    fc.assert(fc.property(fc.string(), (s) => !/[\u0000-\u001f\u007f-\u009f]/.test(printable(s))));
  });
});

import { createHash } from "node:crypto";

/**
 * A short stable hash, used for finding ids that must not change between runs or
 * machines (DESIGN §9): 64 bits as 16 hex digits, from the UTF-16 code units of the
 * parts (`undefined` as ""), a separator between parts. Not cryptographic: ids need
 * stability and few collisions (~2⁻⁶⁴ a pair), not resistance to a chosen input.
 * Two 32-bit multiply-xor lanes with a final avalanche (the cyrb53 construction,
 * both lanes kept); no string is built for the input. It replaced SHA-256 (about a
 * sixth of the time of a 10,000-pod first analysis's ids), which changed every id once.
 */
export function stableHash(...parts: readonly (string | undefined)[]): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) {
      // The separator: ("a", "bc") and ("ab", "c") differ.
      h1 = Math.imul(h1, 2654435761);
      h2 = Math.imul(h2, 1597334677);
    }
    const p = parts[i] ?? "";
    for (let j = 0; j < p.length; j++) {
      const c = p.charCodeAt(j);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  for (let k = 0; k < 8; k++) {
    DIGITS[k] = HEX[(h2 >>> (28 - 4 * k)) & 15]!;
    DIGITS[k + 8] = HEX[(h1 >>> (28 - 4 * k)) & 15]!;
  }
  // One flat string (a concatenation of two 8-digit halves would be a cons string holding both).
  return String.fromCharCode.apply(null, DIGITS);
}

const HEX = Array.from("0123456789abcdef", (c) => c.charCodeAt(0));
const DIGITS: number[] = new Array(16).fill(0);

/**
 * The SHA-256 form stableHash had before: for names already written into clusters
 * (contain's quarantine labels and policies), which must keep matching what earlier
 * versions created. Not for anything hot.
 */
export function sha256Hash(...parts: readonly (string | undefined)[]): string {
  return (
    createHash("sha256")
      .update(parts.map((p) => p ?? "").join("\u0000"))
      .digest()
      // Not digest("hex").slice(): a slice of a string keeps the whole 64-character hex alive.
      .toString("hex", 0, 8)
  );
}

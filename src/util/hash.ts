import { createHash } from "node:crypto";

/** A short stable hash, used for finding ids that must not change between runs. */
export function stableHash(...parts: readonly (string | undefined)[]): string {
  return (
    createHash("sha256")
      .update(parts.map((p) => p ?? "").join("\u0000"))
      .digest()
      // Not digest("hex").slice(): a slice of a string keeps the whole 64-character hex alive.
      .toString("hex", 0, 8)
  );
}

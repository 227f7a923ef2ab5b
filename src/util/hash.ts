import { createHash } from "node:crypto";

/** A short stable hash, used for finding ids that must not change between runs. */
export function stableHash(...parts: readonly (string | undefined)[]): string {
  return createHash("sha256")
    .update(parts.map((p) => p ?? "").join("\u0000"))
    .digest("hex")
    .slice(0, 16);
}

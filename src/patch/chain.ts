// An attack path has no patch of its own: it is fixed by fixing its links.
import type { Finding } from "../analysis/finding.js";

/** `findings` plus the findings their `chain` names (looked up in `all`), without duplicates. */
export function withChainParts(findings: readonly Finding[], all: readonly Finding[]): Finding[] {
  const byId = new Map(all.map((f) => [f.id, f]));
  const out = new Map(findings.map((f) => [f.id, f]));
  for (const f of findings) {
    for (const id of f.chain ?? []) {
      const part = byId.get(id);
      if (part && !out.has(id)) out.set(id, part);
    }
  }
  return [...out.values()];
}

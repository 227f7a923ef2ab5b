// The containment screens: `c` previews the runbook, `w` on it shows what was written and where.
import type { WrittenBundle } from "../src/app/contain.js";
import type { ContainmentBundle } from "../src/patch/contain.js";
import { renderRunbook } from "../src/patch/contain-render.js";
import { shellQuote } from "../src/util/shell.js";
import type { Line } from "./Pane.js";

export function containLines(bundle: ContainmentBundle, dir: string): Line[] {
  const p = bundle.pod;
  const out: Line[] = [
    {
      text: `Containment plan for pod ${p.namespace}/${p.name} — w writes it to ${dir}/ · Esc back`,
      tone: "key",
    },
  ];
  let inCode = false;
  // The runbook is sanitised when rendered; here it is only toned.
  for (const l of renderRunbook(bundle, dir).replace(/\n$/, "").split("\n")) {
    // A screen is short: blank lines only before each step.
    if (l === "" && !inCode) continue;
    if (l.startsWith("## ")) out.push({ text: "" });
    if (l.startsWith("```")) {
      inCode = !inCode;
      continue;
    }
    if (inCode) out.push({ text: `  $ ${l}`, tone: "key" });
    else if (l.startsWith("#")) out.push({ text: l.replace(/^#+ /, ""), tone: "title" });
    else if (l.startsWith("**Left out**")) out.push({ text: l.replace(/\*\*/g, ""), tone: "warn" });
    else out.push({ text: l.replace(/\*\*/g, ""), ...(l.includes("WARNING") ? { tone: "warn" as const } : {}) });
  }
  return out;
}

export function containedLines(dir: string, written: WrittenBundle | undefined, error: string | undefined): Line[] {
  if (error || !written)
    return [{ text: `Could not write the bundle to ${dir}: ${error ?? "unknown error"}`, tone: "critical" }];
  return [
    { text: `Wrote the containment bundle to ${written.dir}/`, tone: "ok" },
    ...written.files.map((f): Line => ({ text: `  ${f}` })),
    { text: "Nothing was applied. Read the runbook, then run its steps in order:", tone: "title" },
    { text: `  cd ${shellQuote(written.dir)} && less RUNBOOK.md`, tone: "key" },
    { text: "Esc back", tone: "dim" },
  ];
}

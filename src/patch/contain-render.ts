// The containment bundle as files: RUNBOOK.md (ordered steps, each with why, what
// it breaks, how to undo it, and the commands under it), one shell script per step,
// and the manifests, patches and evidence the plan produced.
import { sanitize } from "../util/sanitize.js";
import { shellQuote } from "../util/shell.js";
import type { BundleFile, ContainmentBundle, ContainStep } from "./contain.js";

/** File name of step `i` (0-based), e.g. "2-quarantine.sh". */
export function stepScriptName(i: number): string {
  return `${i + 1}-${["evidence", "quarantine", "detach", "node", "credentials", "eradicate"][i] ?? `step`}.sh`;
}

const line = (s: string) => sanitize(s);

/** The runbook; `dir` is where the bundle is written (the commands run from there). */
export function renderRunbook(bundle: ContainmentBundle, dir?: string): string {
  const p = bundle.pod;
  const out: string[] = [
    `# Containment runbook: pod ${p.namespace}/${p.name}`,
    "",
    "kubeward wrote this plan; it applied nothing. Run each step yourself, in order, after reading it.",
    "",
    ...bundle.summary.map((s) => `- ${line(s)}`),
    "",
    "Run every command from this directory:",
    "",
    "```sh",
    dir ? `cd ${shellQuote(dir)}` : "cd <the directory holding this RUNBOOK.md>",
    "```",
    "",
    "Each step is also a script (`sh 2-quarantine.sh` runs step 2 and echoes each command).",
  ];
  if (bundle.problems.length)
    out.push(
      "",
      "**Left out** (kubeward never prints a name Kubernetes would reject into a command):",
      ...bundle.problems.map((x) => `- ${line(x)}`),
    );
  bundle.steps.forEach((step, i) => {
    out.push("", `## ${i + 1}. ${line(step.title)}`, "");
    out.push(`**Why:** ${line(step.why)}`, "");
    out.push(`**Breaks:** ${line(step.breaks)}`, "");
    out.push(`**Undo:** ${line(step.undo)}`);
    if (step.notes.length) out.push("", ...step.notes.map((n) => `- ${line(n)}`));
    out.push("");
    if (step.commands.length) out.push("```sh", ...step.commands.map(line), "```");
    else out.push("Nothing to run.");
  });
  return `${out.join("\n")}\n`;
}

function renderScript(step: ContainStep, i: number): string {
  const comment = (s: string) => `# ${line(s)}`;
  return [
    "#!/bin/sh",
    `# Step ${i + 1}: ${line(step.title)} — read RUNBOOK.md first.`,
    comment(`Why: ${step.why}`),
    comment(`Breaks: ${step.breaks}`),
    comment(`Undo: ${step.undo}`),
    ...step.notes.map((n) => comment(n)),
    "set -x",
    ...(step.commands.length ? step.commands.map(line) : [": nothing to run"]),
    "",
  ].join("\n");
}

/** Every file of the bundle, paths relative to `dir`. */
export function bundleFiles(bundle: ContainmentBundle, dir?: string): BundleFile[] {
  return [
    { path: "RUNBOOK.md", content: renderRunbook(bundle, dir) },
    ...bundle.steps.map((s, i) => ({ path: stepScriptName(i), content: renderScript(s, i) })),
    ...bundle.files,
  ];
}

// Renders a fix plan as what kubectl consumes: the YAML file (with comments on
// what it fixes and what may break) and the exact kubectl line to run.
import { Document } from "yaml";
import { type ResourceRef, refLabel } from "../cluster/objects.js";
import { sanitize } from "../util/sanitize.js";
import { sh, shellQuote } from "../util/shell.js";
import type { FixPlan } from "./plan.js";

export interface RenderedPatch {
  fileName: string;
  yaml: string;
  /** The kubectl line(s) to run, with FILE replaced by the file's path. */
  commands: string[];
}

function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, "-")
      .replace(/^-+|-+$/g, "") || "x"
  );
}

/** The file-name stem of a target's patch, e.g. "deployment_shop_web". */
export function targetSlug(t: { kind: string; namespace?: string; name: string }): string {
  return [t.kind, t.namespace, t.name]
    .filter(Boolean)
    .map((p) => slug(p!))
    .join("_");
}

export function patchFileName(plan: FixPlan): string {
  const suffix = plan.type === "strategic" ? "patch" : plan.type === "manifest" ? "manifest" : "commands";
  return `${targetSlug(plan.target)}.${suffix}.yaml`;
}

function resourceArg(t: ResourceRef): string {
  return shellQuote(`${t.kind.toLowerCase()}/${t.name}`);
}

function nsArg(t: ResourceRef): string {
  return t.namespace ? sh` -n ${t.namespace}` : "";
}

function headerComment(plan: FixPlan, file: string): string {
  const t = plan.target;
  const lines = [
    ` kubeward ${plan.type === "strategic" ? "patch" : plan.type === "manifest" ? "manifest" : "plan"} for ${refLabel(t)}`,
    " Fixes:",
    ...plan.findings.map((f) => `   - ${f.check}${f.container ? ` (${f.container})` : ""}: ${f.message}`),
    ...(plan.explains.length ? [" Changes:", ...plan.explains.map((e) => `   - ${e}`)] : []),
    ...(plan.mayBreak.length ? [" May break:", ...plan.mayBreak.map((m) => `   - ${m}`)] : []),
    ...plan.warnings.map((w) => ` WARNING: ${w}`),
    " Apply with:",
    ...commandsFor(plan, file).map((c) => `   ${c}`),
  ];
  // Names and messages can come from the cluster: keep every comment line inert.
  return lines.map((l) => sanitize(l)).join("\n");
}

export function commandsFor(plan: FixPlan, file: string): string[] {
  const t = plan.target;
  switch (plan.type) {
    case "strategic":
      return [
        `kubectl patch ${resourceArg(t)}${nsArg(t)} --type strategic --patch-file ${shellQuote(file)}`,
        ...plan.commands,
      ];
    case "manifest":
      return (t.kind === "Pod" || t.kind === "Job") && plan.warnings.length
        ? [sh`kubectl replace --force -f ${file}`, ...plan.commands]
        : [sh`kubectl apply -f ${file}`, ...plan.commands];
    default:
      return [...plan.commands];
  }
}

export function renderPatch(plan: FixPlan, dir?: string): RenderedPatch {
  const fileName = patchFileName(plan);
  const filePath = dir ? `${dir.replace(/\/+$/, "")}/${fileName}` : fileName;
  const docs = [plan.body, ...plan.extraManifests].filter((d): d is Record<string, unknown> => !!d);
  const parts = docs.map((body, i) => {
    // Bodies copy parts of store objects, which share equal subtrees: never write them as YAML aliases.
    const doc = new Document(body, { aliasDuplicateObjects: false });
    if (i === 0) doc.commentBefore = headerComment(plan, filePath);
    return doc.toString({ lineWidth: 0 });
  });
  if (parts.length === 0)
    parts.push(
      `${headerComment(plan, filePath)
        .split("\n")
        .map((l) => `#${l}`)
        .join("\n")}\n`,
    );
  return { fileName, yaml: parts.join("---\n"), commands: commandsFor(plan, filePath) };
}

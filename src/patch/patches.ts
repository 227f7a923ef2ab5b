// Patch preview and writing, shared by `kubeward scan --patches` and the TUI's
// `p`/`w`: plans merge findings per target (planFixes), rendering adds the
// comments and kubectl lines (renderPatch).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Finding } from "../analysis/finding.js";
import type { Models } from "../analysis/models.js";
import { checkCatalog } from "../analysis/registry.js";
import type { ResourceRef } from "../cluster/objects.js";
import type { Store } from "../store/store.js";
import { withChainParts } from "./chain.js";
import { planFixes } from "./plan.js";
import { type RenderedPatch, renderPatch } from "./render.js";

export interface PlannedPatch extends RenderedPatch {
  target: ResourceRef;
  findings: Finding[];
  /** Full path the file is (or would be) written to. */
  path: string;
}

/** `all` is every current finding: an attack path among `findings` is fixed through its links. */
export function planPatches(
  findings: readonly Finding[],
  store: Store,
  models: Models,
  dir: string,
  all: readonly Finding[] = findings,
): PlannedPatch[] {
  return planFixes(withChainParts(findings, all), store, checkCatalog(), models).map((plan) => {
    const rendered = renderPatch(plan, dir);
    return { ...rendered, target: plan.target, findings: plan.findings, path: join(dir, rendered.fileName) };
  });
}

/** Writes one file per fix target into `dir` (created if missing); returns what was written. */
export function writePlannedPatches(patches: readonly PlannedPatch[], dir: string): PlannedPatch[] {
  if (patches.length) mkdirSync(dir, { recursive: true });
  for (const p of patches) writeFileSync(p.path, p.yaml);
  return [...patches];
}

export function writeFindingPatches(
  findings: readonly Finding[],
  store: Store,
  models: Models,
  dir: string,
  all: readonly Finding[] = findings,
): PlannedPatch[] {
  return writePlannedPatches(planPatches(findings, store, models, dir, all), dir);
}

// The TUI's containment actions: `c` plans a bundle for a pod, `w` on the plan writes it.

import type { AnalysisResult } from "../analysis/analyzer.js";
import { effectiveNamespace } from "../cluster/namespace.js";
import type { ResourceRef } from "../cluster/objects.js";
import type { SourceInfo } from "../cluster/source.js";
import { containmentFor, findPod, freshBundleDir, type WrittenBundle, writeBundle } from "../commands/contain.js";
import type { ContainmentBundle } from "../patch/contain.js";
import type { Store } from "../store/store.js";

export type { WrittenBundle };

/** The first pod among candidates (the row under the cursor, the detail's object, the finding's resource). */
export function pickPod(candidates: readonly (ResourceRef | undefined)[]): ResourceRef | undefined {
  return candidates.find((r) => r?.kind === "Pod");
}

export type ContainOutcome = { bundle: ContainmentBundle; dir: string } | { error: string };

/** `c`: the bundle for a pod as the store and the latest analysis know it now, and where `w` will write it. */
export function prepareContainment(
  store: Store,
  result: Pick<AnalysisResult, "findings" | "models">,
  ref: ResourceRef | undefined,
  baseDir: string,
  info?: SourceInfo,
): ContainOutcome {
  if (!ref) return { error: "c works on a pod: select a finding about a pod, or a pod row in a detail view" };
  try {
    const pod = findPod(store, effectiveNamespace(ref.namespace), ref.name);
    return { bundle: containmentFor(store, result, pod, info), dir: freshBundleDir(baseDir, ref) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** `w` on a containment plan: writes it (never over an earlier bundle). */
export function writeContainment(bundle: ContainmentBundle, dir: string): { written?: WrittenBundle; error?: string } {
  try {
    return { written: writeBundle(bundle, dir) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

// Containment bundles for the CLI (`kubeward contain`) and the TUI's `c`/`w`:
// find the pod, plan the bundle from the current analysis, write it to a directory.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { AnalysisResult } from "../analysis/analyzer.js";
import type { Finding } from "../analysis/finding.js";
import { checkCatalog } from "../analysis/registry.js";
import type { KObject, ResourceRef } from "../cluster/objects.js";
import type { SourceInfo } from "../cluster/source.js";
import { type ContainmentBundle, planContainment } from "../patch/contain.js";
import { bundleFiles } from "../patch/contain-render.js";
import { targetSlug } from "../patch/render.js";
import type { Store } from "../store/store.js";

export class PodNotFound extends Error {}

/** The pod, or a one-line reason it cannot be seen (forbidden, not listed, a typo). */
export function findPod(store: Store, namespace: string, name: string): KObject {
  const pod = store.getByName("Pod", namespace, name);
  if (pod) return pod;
  const status = store.kindStatus("Pod");
  if (status && (status.state === "forbidden" || status.state === "error"))
    throw new PodNotFound(
      `cannot read pods (${status.state}${status.message ? `: ${status.message}` : ""}): kubeward needs list/watch on pods to contain one`,
    );
  const names = store.inNamespace("Pod", namespace).map((p) => p.metadata.name);
  const close = names.filter((n) => n.startsWith(name.slice(0, 3)) || n.includes(name)).slice(0, 5);
  const hint = !store.namespaces().includes(namespace)
    ? ` (kubeward sees no namespace ${namespace})`
    : close.length
      ? ` (pods in ${namespace} with similar names: ${close.join(", ")})`
      : ` (${names.length} pod(s) in ${namespace})`;
  throw new PodNotFound(`no pod ${namespace}/${name}${hint}`);
}

function sourceText(info: SourceInfo): string {
  return info.kind === "live" ? `live context ${info.context ?? "?"}` : info.kind;
}

export function containmentFor(
  store: Store,
  result: Pick<AnalysisResult, "findings" | "models">,
  pod: KObject,
  info?: SourceInfo,
  now = new Date(),
): ContainmentBundle {
  return planContainment({
    store,
    findings: result.findings,
    models: result.models,
    catalog: checkCatalog(),
    pod,
    now,
    ...(info ? { source: sourceText(info) } : {}),
  });
}

/** The pod a finding is about: its resource when that is a Pod, else none. */
export function podOfFinding(f: Finding | undefined): ResourceRef | undefined {
  return f?.resource.kind === "Pod" ? f.resource : undefined;
}

/** A fresh directory for the TUI: `<base>/contain_<ns>_<pod>`, then `-2`, `-3`… if taken. */
export function freshBundleDir(base: string, pod: ResourceRef): string {
  const stem = join(
    base,
    `contain_${targetSlug({ kind: "", namespace: pod.namespace, name: pod.name }).replace(/^_/, "")}`,
  );
  let dir = stem;
  for (let i = 2; existsSync(dir); i++) dir = `${stem}-${i}`;
  return dir;
}

export interface WrittenBundle {
  dir: string;
  files: string[];
}

/** Writes the bundle into `dir`; refuses a directory that already holds a runbook (evidence is never overwritten). */
export function writeBundle(bundle: ContainmentBundle, dir: string): WrittenBundle {
  const abs = resolve(dir);
  if (existsSync(join(abs, "RUNBOOK.md")))
    throw new Error(`${dir} already holds a containment bundle: choose another directory`);
  if (existsSync(abs) && readdirSync(abs).some((f) => f === "evidence"))
    throw new Error(`${dir} already holds evidence: choose another directory`);
  const files = bundleFiles(bundle, abs);
  for (const f of files) {
    const path = join(abs, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
  }
  return { dir: abs, files: files.map((f) => f.path) };
}

// The TUI's view-model actions: `c` plans, `w` on the plan writes.

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
    const pod = findPod(store, ref.namespace ?? "default", ref.name);
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

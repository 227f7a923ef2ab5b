// `kubeward contain POD -n NS --out DIR`: the containment bundle for one pod, written
// to DIR, with a short summary of the steps on stdout. Finding the pod, planning from the
// current analysis and writing the bundle are shared with the TUI's `c`/`w` (src/app/contain.ts).
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { AnalysisResult } from "../analysis/analyzer.js";
import { checkCatalog } from "../analysis/registry.js";
import type { KObject, ResourceRef } from "../cluster/objects.js";
import type { SourceInfo } from "../cluster/source.js";
import { ContainError, type ContainmentBundle, planContainment } from "../patch/contain.js";
import { bundleFiles } from "../patch/contain-render.js";
import { targetSlug } from "../patch/render.js";
import type { Store } from "../store/store.js";
import { sanitize } from "../util/sanitize.js";
import { shellQuote } from "../util/shell.js";
import { type Io, reportKindErrors } from "./scan.js";
import { UsageError } from "./select-source.js";
import type { Session } from "./session.js";

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

export interface ContainArgs {
  namespace: string;
  name: string;
  out: string;
}

/** Positional arguments after "contain" plus flags → what to contain; UsageError when incomplete. */
export function parseContain(args: readonly string[], flags: { namespace?: string; out?: string }): ContainArgs {
  const usage = "usage: kubeward contain POD -n NAMESPACE --out DIR";
  const [target, ...extra] = args;
  if (!target) throw new UsageError(usage);
  if (extra.length) throw new UsageError(`unexpected argument: ${extra[0]}`);
  let namespace = flags.namespace;
  let name = target.replace(/^pods?\//, "");
  // kubectl habit: NS/POD is accepted too.
  if (!namespace && name.includes("/")) [namespace, name] = name.split("/", 2) as [string, string];
  if (!namespace) throw new UsageError(`${usage} (which namespace is the pod in?)`);
  if (!flags.out) throw new UsageError(`${usage} (where should the bundle go?)`);
  return { namespace, name, out: flags.out };
}

/**
 * `session(scoped)` reads every namespace (false) or only the pod's (true). Every namespace first,
 * so grants from other namespaces and the node's other pods are seen; a user who may list pods
 * only in the pod's namespace gets that narrower view, said on stderr.
 */
export async function runContain(
  session: (scoped: boolean) => Session,
  args: ContainArgs,
  options: { syncTimeoutMs: number },
  io: Io,
) {
  let s = session(false);
  await s.start();
  let complete = await s.waitForSync(options.syncTimeoutMs);
  const podsForbidden = () => s.store.kindStatus("Pod")?.state === "forbidden";
  if (podsForbidden()) {
    s.stop();
    io.stderr(
      `kubeward: pods are forbidden cluster-wide; reading namespace ${sanitize(args.namespace)} only (other namespaces' pods on the node and grants are not seen)\n`,
    );
    s = session(true);
    await s.start();
    complete = await s.waitForSync(options.syncTimeoutMs);
  }
  const result = s.analyze();
  s.stop();
  try {
    const pod = findPod(s.store, args.namespace, args.name);
    const bundle = containmentFor(s.store, result, pod, s.source.info);
    const written = writeBundle(bundle, args.out);
    const lines = [
      `Containment bundle for pod ${args.namespace}/${args.name} written to ${written.dir}`,
      "Nothing was applied. Read RUNBOOK.md, then run the steps in order:",
      ...bundle.steps.map(
        (s, i) =>
          `  ${i + 1}. ${s.title}${s.commands.length ? ` (${s.commands.length} command${s.commands.length > 1 ? "s" : ""})` : " (nothing to run)"}`,
      ),
      ...bundle.summary.map((s) => `  · ${s}`),
      ...bundle.problems.map((p) => `  ! ${p}`),
      `Start with: cd ${shellQuote(written.dir)} && less RUNBOOK.md`,
    ];
    io.stdout(`${lines.map((l) => sanitize(l)).join("\n")}\n`);
    reportKindErrors(s, io);
    if (!complete)
      io.stderr("kubeward: warning: not every kind finished listing before the timeout; the plan may miss objects\n");
    return 0;
  } catch (err) {
    if (err instanceof PodNotFound || err instanceof ContainError) {
      io.stderr(`kubeward: ${sanitize(err.message)}\n`);
      return 2;
    }
    throw err;
  }
}

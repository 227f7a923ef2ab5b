// `kubeward contain POD -n NS --out DIR`: the containment bundle for one pod,
// written to DIR, with a short summary of the steps on stdout.
import { ContainError } from "../patch/contain.js";
import { sanitize } from "../util/sanitize.js";
import { shellQuote } from "../util/shell.js";
import { containmentFor, findPod, PodNotFound, writeBundle } from "./contain.js";
import { type Io, reportKindErrors } from "./scan.js";
import { UsageError } from "./select-source.js";
import type { Session } from "./session.js";

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

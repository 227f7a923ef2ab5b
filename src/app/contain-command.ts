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

export async function runContain(session: Session, args: ContainArgs, options: { syncTimeoutMs: number }, io: Io) {
  await session.start();
  const complete = await session.waitForSync(options.syncTimeoutMs);
  const result = session.analyze();
  session.stop();
  try {
    const pod = findPod(session.store, args.namespace, args.name);
    const bundle = containmentFor(session.store, result, pod, session.source.info);
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
    reportKindErrors(session, io);
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

// `kubeward who-can VERB RESOURCE[/SUB] [-n NS] [--name NAME]`: the subjects
// allowed an access and the binding → role → rule that allows it, answered by
// the RBAC engine's model (the same one the TUI's `:can` uses).
import type { AccessPath, AccessQuery } from "../analysis/models.js";
import { refLabel } from "../cluster/objects.js";
import { sanitize } from "../util/sanitize.js";
import { type Io, reportKindErrors } from "./scan.js";
import { UsageError } from "./select-source.js";
import type { Session } from "./session.js";

export interface WhoCanOptions {
  output: "text" | "json";
  syncTimeoutMs: number;
}

/** Positional arguments (after "who-can") and flags → the query; UsageError when incomplete. */
export function parseWhoCan(args: readonly string[], flags: { namespace?: string; name?: string }): AccessQuery {
  const [verb, target, ...extra] = args;
  if (!verb || !target)
    throw new UsageError("usage: kubeward who-can VERB RESOURCE[/SUBRESOURCE] [-n NS] [--name NAME]");
  if (extra.length) throw new UsageError(`unexpected argument: ${extra[0]}`);
  const q: AccessQuery = { verb, resource: target };
  if (!target.startsWith("/") && target.includes("/")) {
    const at = target.indexOf("/");
    q.resource = target.slice(0, at);
    q.subresource = target.slice(at + 1);
    if (!q.resource || !q.subresource) throw new UsageError(`bad resource: ${target}`);
  }
  // "deployments.apps" names the group like kubectl does.
  const dot = q.resource.indexOf(".");
  if (!q.resource.startsWith("/") && dot > 0) {
    q.apiGroup = q.resource.slice(dot + 1);
    q.resource = q.resource.slice(0, dot);
  }
  if (flags.namespace) q.namespace = flags.namespace;
  if (flags.name) q.name = flags.name;
  return q;
}

function subjectText(p: AccessPath): string {
  return refLabel(p.subject);
}

export function renderWhoCanText(query: AccessQuery, answers: readonly AccessPath[]): string {
  const target = `${query.resource}${query.subresource ? `/${query.subresource}` : ""}${query.name ? ` ${query.name}` : ""}`;
  const where = query.namespace ? ` in namespace ${query.namespace}` : " (cluster-wide)";
  const lines = [`Who can ${query.verb} ${target}${where}:`];
  if (!answers.length) lines.push("  nobody (no binding grants it)");
  else {
    const rows = answers.map((p) => [
      subjectText(p),
      `${refLabel(p.binding)} → ${refLabel(p.role)}`,
      p.scope === "cluster" ? "cluster" : `namespace ${p.scope}`,
      p.rule,
    ]);
    const head = ["SUBJECT", "VIA BINDING → ROLE", "SCOPE", "RULE"];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const fmt = (r: string[]) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
        .join("  ")
        .trimEnd();
    lines.push(fmt(head), ...rows.map(fmt));
  }
  if (!query.namespace && !query.resource.startsWith("/"))
    lines.push(
      "",
      "Without -n only cluster-wide grants answer (access in every namespace); add -n NS for one namespace.",
    );
  // Subject, binding and role names come from the cluster.
  return `${lines.map((l) => sanitize(l)).join("\n")}\n`;
}

export async function runWhoCan(session: Session, query: AccessQuery, options: WhoCanOptions, io: Io): Promise<number> {
  await session.start();
  const complete = await session.waitForSync(options.syncTimeoutMs);
  const result = session.analyze();
  session.stop();
  const model = result.models.rbac;
  if (!model) {
    io.stderr("kubeward: the RBAC engine did not produce a model\n");
    return 2;
  }
  const answers = model.whoCan(query);
  if (options.output === "json") io.stdout(`${JSON.stringify({ query, answers }, null, 2)}\n`);
  else io.stdout(renderWhoCanText(query, answers));
  reportKindErrors(session, io);
  if (!complete)
    io.stderr("kubeward: warning: not every kind finished listing before the timeout; answers may be partial\n");
  return 0;
}

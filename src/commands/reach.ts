// `kubeward reach --to NS/NAME | --from NS/NAME | --all [--port N[/PROTO]]`: the
// allowed connections and the policies that allow them, answered by the network
// model's connectivity evaluator (the same one the TUI's `:reach` uses). DESIGN §9.
import type { ReachAnswer, ReachConnection, ReachPeer, ReachQuery } from "../analysis/models.js";
import { sanitize } from "../util/sanitize.js";
import { type Io, reportKindErrors } from "./scan.js";
import { UsageError } from "./select-source.js";
import type { Session } from "./session.js";

export interface ReachOptions {
  output: "text" | "json";
  syncTimeoutMs: number;
}

const PROTOCOLS = new Set(["TCP", "UDP", "SCTP"]);

/** "5432", "53/udp", "9000/SCTP" → the port; undefined when it is not one. */
export function parsePort(text: string): ReachQuery["port"] | undefined {
  const m = /^(\d{1,5})(?:\/([a-zA-Z]+))?$/.exec(text.trim());
  if (!m) return undefined;
  const port = Number(m[1]);
  const protocol = (m[2] ?? "TCP").toUpperCase();
  if (port < 1 || port > 65535 || !PROTOCOLS.has(protocol)) return undefined;
  return { port, protocol: protocol as "TCP" | "UDP" | "SCTP" };
}

export function parseReach(
  args: readonly string[],
  flags: { to?: string; from?: string; port?: string; all?: boolean },
): ReachQuery {
  const usage = "usage: kubeward reach --to NS/NAME | --from NS/NAME | --all [--port N[/PROTO]]";
  if (args.length) throw new UsageError(`unexpected argument: ${args[0]} (${usage})`);
  if (!flags.all && !flags.to && !flags.from) throw new UsageError(usage);
  if (flags.all && (flags.to || flags.from)) throw new UsageError("--all lists every connection: drop --to/--from");
  const q: ReachQuery = {};
  if (flags.all) q.all = true;
  if (flags.to) q.to = flags.to;
  if (flags.from) q.from = flags.from;
  if (flags.port !== undefined) {
    const port = parsePort(flags.port);
    if (!port) throw new UsageError(`bad --port ${flags.port}: expected N or N/TCP|UDP|SCTP (1-65535)`);
    q.port = port;
  }
  return q;
}

export function peerText(p: ReachPeer): string {
  if ("cidr" in p) return p.except?.length ? `${p.cidr} except ${p.except.join(", ")}` : p.cidr;
  return `${p.namespace}/${p.kind}/${p.name}${p.hostNetwork ? " (hostNetwork)" : ""}`;
}

export function portsText(ports: ReachConnection["ports"]): string {
  if (ports === "all") return "all ports";
  return ports.map((p) => `${p.protocol}/${p.port}${p.endPort !== undefined ? `-${p.endPort}` : ""}`).join(", ");
}

function policiesText(c: ReachConnection): string {
  return c.policies.length ? c.policies.join(", ") : "no policy (not isolated)";
}

function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [fmt(head), ...rows.map(fmt)];
}

function queryText(q: ReachQuery): string {
  const port = q.port ? ` on ${q.port.protocol}/${q.port.port}` : "";
  if (q.all) return `Every connection a NetworkPolicy decides${port}`;
  return [q.from ? `from ${q.from}` : "", q.to ? `to ${q.to}` : ""].filter(Boolean).join(" ") + port;
}

function renderReachText(q: ReachQuery, a: ReachAnswer): string {
  const lines = [`${queryText(q)}: ${a.connections.length} connection${a.connections.length === 1 ? "" : "s"}`];
  if (!a.connections.length) lines.push("  none allowed");
  else {
    const rows = a.connections.map((c) => {
      const r = [peerText(c.from), peerText(c.to), portsText(c.ports), policiesText(c)];
      return q.all || (q.to && q.from) ? r : q.to ? [r[0]!, r[2]!, r[3]!] : [r[1]!, r[2]!, r[3]!];
    });
    const head =
      q.all || (q.to && q.from) ? ["FROM", "TO", "PORTS", "ALLOWED BY"] : [q.to ? "FROM" : "TO", "PORTS", "ALLOWED BY"];
    lines.push(...table(head, rows));
  }
  if (a.open) {
    lines.push(
      "",
      `Not listed: pairs where neither side is isolated (allowed on every port, no policy decides).`,
      `  open for ingress: ${a.open.ingress.length} workload(s) · open for egress: ${a.open.egress.length} workload(s) (--output json lists them)`,
    );
  }
  for (const n of a.notes) lines.push(`note: ${n}`);
  // Names, labels and CIDR text come from the cluster.
  return `${lines.map((l) => sanitize(l)).join("\n")}\n`;
}

export async function runReach(session: Session, query: ReachQuery, options: ReachOptions, io: Io): Promise<number> {
  await session.start();
  const complete = await session.waitForSync(options.syncTimeoutMs);
  const result = session.analyze();
  session.stop();
  const model = result.models.network;
  if (!model?.reach) {
    io.stderr("kubeward: the network engine did not produce a model\n");
    return 2;
  }
  const answer = model.reach(query);
  if (answer.error) {
    io.stderr(`kubeward: ${sanitize(answer.error)}\n`);
    return 2;
  }
  if (options.output === "json") {
    const out: Record<string, unknown> = { connections: answer.connections };
    if (answer.open) out.open = answer.open;
    if (answer.notes.length) out.notes = answer.notes;
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  } else io.stdout(renderReachText(query, answer));
  reportKindErrors(session, io);
  if (!complete)
    io.stderr("kubeward: warning: not every kind finished listing before the timeout; answers may be partial\n");
  return 0;
}

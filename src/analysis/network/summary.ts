// One line per rule of what the policies selecting a pod allow, for the detail
// view: "shop/web-ingress: from all pods in namespaces team=storefront [shop] on TCP/8080".
import type { Direction, Peer, Policy, PortSpec, Rule } from "./policy.js";
import { describeSelector, isEmpty, type Selector } from "./selectors.js";

/** Names of the known namespaces a selector matches (for the summary); optional. */
export type NamespaceResolver = (selector: Selector) => string[];

function describePods(selector: Selector): string {
  return isEmpty(selector) ? "all pods" : `pods ${describeSelector(selector)}`;
}

function describePeer(peer: Peer, policy: Policy, resolve?: NamespaceResolver): string {
  if (peer.kind === "invalid") return "nothing (invalid peer)";
  if (peer.kind === "ipBlock")
    return peer.except.length
      ? `${peer.cidr.text} except ${peer.except.map((c) => c.text).join(", ")}`
      : peer.cidr.text;
  const pods = describePods(peer.podSelector);
  if (!peer.namespaceSelector) return `${pods} in ${policy.namespace}`;
  if (isEmpty(peer.namespaceSelector)) return `${pods} in all namespaces`;
  const names = resolve?.(peer.namespaceSelector);
  const known = names ? ` [${names.length ? names.join(", ") : "none known"}]` : "";
  return `${pods} in namespaces ${describeSelector(peer.namespaceSelector)}${known}`;
}

function describePort(p: PortSpec): string {
  if (p.port === undefined) return `all ${p.protocol} ports`;
  return `${p.protocol}/${p.port}${p.endPort !== undefined ? `-${p.endPort}` : ""}`;
}

export function describeRule(rule: Rule, policy: Policy, direction: Direction, resolve?: NamespaceResolver): string {
  const peers = rule.peers ? rule.peers.map((p) => describePeer(p, policy, resolve)).join("; ") : "anywhere";
  const ports = rule.ports ? (rule.ports.length ? rule.ports.map(describePort).join(", ") : "no port") : "all ports";
  return `${direction === "ingress" ? "from" : "to"} ${peers} on ${ports}`;
}

/** Summary lines for one direction of a pod, given the policies that select it. */
export function allowLines(selecting: readonly Policy[], direction: Direction, resolve?: NamespaceResolver): string[] {
  if (selecting.length === 0) return ["everything (no policy selects it)"];
  const lines: string[] = [];
  for (const p of selecting) {
    const name = `${p.namespace}/${p.ref.name}`;
    const rules = p.rules[direction];
    if (rules.length === 0) lines.push(`${name}: nothing (deny)`);
    for (const r of rules) lines.push(`${name}: ${describeRule(r, p, direction, resolve)}`);
  }
  return lines;
}

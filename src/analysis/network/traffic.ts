// Would this connection be allowed? Evaluates NetworkPolicy rules for one
// connection: the semantic core the isolation, the summaries and the tests share.
import { cidrContains, parseIp } from "./cidr.js";
import type { Direction, Peer, Policy, PortSpec, Protocol, Rule } from "./policy.js";
import { type Labels, matches } from "./selectors.js";

/** A named container port of a pod: name → number and protocol. */
export type NamedPorts = ReadonlyMap<string, { port: number; protocol: Protocol }>;

export interface PodEndpoint {
  namespace: string;
  namespaceLabels: Labels;
  podLabels: Labels;
  namedPorts?: NamedPorts;
}

export type Endpoint = PodEndpoint | { ip: string };

export interface Connection {
  /** The pod whose policies are evaluated (destination for ingress, source for egress). */
  pod: PodEndpoint;
  direction: Direction;
  /** The other side: the source for ingress, the destination for egress. */
  peer: Endpoint;
  port: number;
  protocol?: Protocol;
}

function peerMatches(peer: Peer, policyNamespace: string, other: Endpoint): boolean {
  if (peer.kind === "invalid") return false;
  if (peer.kind === "ipBlock") {
    // ipBlock selects addresses; pods are matched by selectors only (pod IPs are
    // ephemeral and the docs leave ipBlock-vs-pod-IP to the plugin).
    if (!("ip" in other)) return false;
    const ip = parseIp(other.ip);
    return !!ip && cidrContains(peer.cidr, ip) && !peer.except.some((e) => cidrContains(e, ip));
  }
  if ("ip" in other) return false;
  const nsOk = peer.namespaceSelector
    ? matches(peer.namespaceSelector, other.namespaceLabels)
    : other.namespace === policyNamespace;
  return nsOk && matches(peer.podSelector, other.podLabels);
}

function portMatches(spec: PortSpec, port: number, protocol: Protocol, named: NamedPorts | undefined): boolean {
  if (spec.protocol !== protocol) return false;
  if (spec.port === undefined) return true;
  if (typeof spec.port === "number")
    return spec.endPort !== undefined ? port >= spec.port && port <= spec.endPort : port === spec.port;
  // Named port: resolved on the destination pod's containers, with their protocol.
  const p = named?.get(spec.port);
  return !!p && p.port === port && p.protocol === protocol;
}

export function ruleAllows(rule: Rule, policyNamespace: string, c: Connection): boolean {
  const protocol = c.protocol ?? "TCP";
  const destination = c.direction === "ingress" ? c.pod : c.peer;
  const named = "ip" in destination ? undefined : destination.namedPorts;
  const portOk = !rule.ports || rule.ports.some((p) => portMatches(p, c.port, protocol, named));
  const peerOk = !rule.peers || rule.peers.some((p) => peerMatches(p, policyNamespace, c.peer));
  return portOk && peerOk;
}

/** Policies (of the pod's namespace) that select the pod for a direction. */
export function selecting(policies: readonly Policy[], pod: PodEndpoint, direction: Direction): Policy[] {
  return policies.filter(
    (p) => p.namespace === pod.namespace && p.types[direction] && matches(p.podSelector, pod.podLabels),
  );
}

/** Not isolated → allowed; isolated → allowed when any rule of any selecting policy allows it. */
export function allowed(policies: readonly Policy[], c: Connection): boolean {
  const sel = selecting(policies, c.pod, c.direction);
  if (sel.length === 0) return true;
  return sel.some((p) => p.rules[c.direction].some((r) => ruleAllows(r, p.namespace, c)));
}

// The connectivity evaluator: which ports and protocols NetworkPolicies allow
// between two endpoints, and which policies allow them. Semantics from the
// NetworkPolicy API reference (networking.k8s.io/v1) and the "Network Policies"
// concept page:
// - a pod selected by no policy for a direction is not isolated: everything is allowed;
// - selected ones accept the union of the rules of every selecting policy;
// - a connection needs the source's egress side AND the destination's ingress side;
// - a rule matches when its peers (from/to; absent or empty = every peer) AND its
//   ports (absent or empty = every port) match;
// - a port is a number (with endPort: an inclusive range) or a name, resolved on the
//   destination pod's container ports with the rule's protocol (TCP by default);
// - ipBlock selects addresses outside the cluster's pods, minus its except blocks;
// - pods with hostNetwork are outside NetworkPolicy: their own policies do not apply,
//   and other pods see them with the node's address, which pod selectors never match.
// Everything here is pure; src/analysis/network/reach.ts applies it to a whole
// cluster by equivalence classes, and the isolation facts come from the same
// selecting-policy lists (isolation.ts).
import { type Cidr, cidrContains, cidrWithin } from "./cidr.js";
import type { Direction, Peer, Policy, PortSpec, Protocol, Rule } from "./policy.js";
import { type Labels, matches } from "./selectors.js";

/** A named container port of a pod: name → number and protocol. */
export type NamedPorts = ReadonlyMap<string, { port: number; protocol: Protocol }>;

export interface PodEndpoint {
  namespace: string;
  namespaceLabels: Labels;
  podLabels: Labels;
  namedPorts?: NamedPorts;
  /** In the node's network namespace: outside NetworkPolicy. */
  hostNetwork?: boolean;
}

/** An address or an address block outside the cluster's pods. */
export interface ExternalEndpoint {
  cidr: Cidr;
}

export type Endpoint = PodEndpoint | ExternalEndpoint;

function isExternal(e: Endpoint): e is ExternalEndpoint {
  return "cidr" in e;
}

/** An inclusive range of ports of one protocol. */
export interface PortRange {
  protocol: Protocol;
  port: number;
  endPort: number;
}

/** Sorted (protocol, then port), disjoint, non-adjacent ranges. */
export type PortSet = readonly PortRange[];

const PROTOCOLS: readonly Protocol[] = ["TCP", "UDP", "SCTP"];
const MAX_PORT = 65535;

const NO_PORTS: PortSet = Object.freeze([]) as PortSet;
export const ALL_PORTS: PortSet = Object.freeze(
  PROTOCOLS.map((protocol) => Object.freeze({ protocol, port: 1, endPort: MAX_PORT })),
) as PortSet;

function normalize(ranges: PortRange[]): PortSet {
  if (ranges.length === 0) return NO_PORTS;
  ranges.sort(
    (a, b) => PROTOCOLS.indexOf(a.protocol) - PROTOCOLS.indexOf(b.protocol) || a.port - b.port || a.endPort - b.endPort,
  );
  const out: PortRange[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && last.protocol === r.protocol && r.port <= last.endPort + 1)
      out[out.length - 1] = { ...last, endPort: Math.max(last.endPort, r.endPort) };
    else out.push({ ...r });
  }
  return out;
}

export function isAllPorts(ps: PortSet): boolean {
  return (
    ps.length === ALL_PORTS.length &&
    ps.every((r, i) => r.protocol === PROTOCOLS[i] && r.port === 1 && r.endPort === MAX_PORT)
  );
}

function unionPorts(a: PortSet, b: PortSet): PortSet {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  if (a === ALL_PORTS || b === ALL_PORTS) return ALL_PORTS;
  const u = normalize([...a, ...b]);
  return isAllPorts(u) ? ALL_PORTS : u;
}

function intersectPorts(a: PortSet, b: PortSet): PortSet {
  if (a === ALL_PORTS) return b;
  if (b === ALL_PORTS) return a;
  const out: PortRange[] = [];
  for (const x of a)
    for (const y of b) {
      if (x.protocol !== y.protocol) continue;
      const port = Math.max(x.port, y.port);
      const endPort = Math.min(x.endPort, y.endPort);
      if (port <= endPort) out.push({ protocol: x.protocol, port, endPort });
    }
  return normalize(out);
}

/** One port of one protocol, e.g. a query's --port. */
export function portSetOf(port: number, protocol: Protocol): PortSet {
  return [{ protocol, port, endPort: port }];
}

/** The ports one NetworkPolicyPort allows on a destination (named ports resolved on it). */
function specPorts(spec: PortSpec, named: NamedPorts | undefined): PortRange | undefined {
  if (spec.port === undefined) return { protocol: spec.protocol, port: 1, endPort: MAX_PORT };
  if (typeof spec.port === "number")
    return { protocol: spec.protocol, port: spec.port, endPort: spec.endPort ?? spec.port };
  // A named port is the destination's container port of that name, when its protocol is the rule's.
  const p = named?.get(spec.port);
  return p && p.protocol === spec.protocol ? { protocol: p.protocol, port: p.port, endPort: p.port } : undefined;
}

/** The ports a rule allows on a destination with these named ports. */
function rulePorts(rule: Rule, named: NamedPorts | undefined): PortSet {
  if (!rule.ports) return ALL_PORTS;
  const ranges: PortRange[] = [];
  for (const spec of rule.ports) {
    const r = specPorts(spec, named);
    if (r) ranges.push(r);
  }
  const out = normalize(ranges);
  return isAllPorts(out) ? ALL_PORTS : out;
}

/** Does one peer of a policy (of `policyNamespace`) select this endpoint? */
export function peerMatches(peer: Peer, policyNamespace: string, other: Endpoint): boolean {
  if (peer.kind === "invalid") return false;
  if (peer.kind === "ipBlock") {
    // ipBlock selects addresses outside the pods (pod IPs are ephemeral); a block given as
    // the other side is allowed when all of it is inside the cidr and none in an except.
    if (!isExternal(other)) return false;
    return cidrWithin(other.cidr, peer.cidr) && !peer.except.some((e) => cidrOverlaps(e, other.cidr));
  }
  if (isExternal(other) || other.hostNetwork) return false;
  const nsOk = peer.namespaceSelector
    ? matches(peer.namespaceSelector, other.namespaceLabels)
    : other.namespace === policyNamespace;
  return nsOk && matches(peer.podSelector, other.podLabels);
}

function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  if (a.family !== b.family) return false;
  return a.prefix <= b.prefix
    ? cidrContains(a, { family: b.family, value: b.base })
    : cidrContains(b, { family: a.family, value: a.base });
}

/** Whether a policy's peer selects the other side of a connection. */
export type PeerMatcher = (peer: Peer, policy: Policy) => boolean;

export function endpointMatcher(other: Endpoint): PeerMatcher {
  return (peer, policy) => peerMatches(peer, policy.namespace, other);
}

export interface SideAnswer {
  /** Some policy selects the endpoint for this direction. */
  isolated: boolean;
  /** What this side allows (every port when not isolated). */
  ports: PortSet;
  /** Selecting policies whose rules allow something, with what each allows. */
  by: { policy: Policy; ports: PortSet }[];
}

const OPEN: SideAnswer = Object.freeze({ isolated: false, ports: ALL_PORTS, by: [] }) as SideAnswer;

/**
 * One side of a connection: what the policies selecting an endpoint for `direction`
 * (its isolation facts) allow with the other side, as judged by `matchPeer`.
 * `destinationPorts` are the named ports of the connection's destination.
 */
export function sideAllows(
  selecting: readonly Policy[],
  direction: Direction,
  matchPeer: PeerMatcher,
  destinationPorts: NamedPorts | undefined,
): SideAnswer {
  if (selecting.length === 0) return OPEN;
  let ports: PortSet = NO_PORTS;
  const by: SideAnswer["by"] = [];
  for (const policy of selecting) {
    let mine: PortSet = NO_PORTS;
    for (const rule of policy.rules[direction]) {
      if (rule.peers && !rule.peers.some((p) => matchPeer(p, policy))) continue;
      mine = unionPorts(mine, rulePorts(rule, destinationPorts));
    }
    if (mine.length) {
      by.push({ policy, ports: mine });
      ports = unionPorts(ports, mine);
    }
  }
  return { isolated: true, ports, by };
}

export interface ConnectionAnswer {
  /** Allowed ports and protocols (empty: nothing). */
  ports: PortSet;
  /** Policies that allow part of it, on either side (empty when no policy decides). */
  policies: Policy[];
  /** The source's egress side (open for an address outside the pods or a hostNetwork pod). */
  egress: SideAnswer;
  /** The destination's ingress side. */
  ingress: SideAnswer;
}

/** Both sides together: the connection carries what egress AND ingress allow (within `within`). */
export function combine(egress: SideAnswer, ingress: SideAnswer, within: PortSet = ALL_PORTS): ConnectionAnswer {
  const ports = intersectPorts(intersectPorts(egress.ports, ingress.ports), within);
  const policies: Policy[] = [];
  if (ports.length)
    for (const b of [...egress.by, ...ingress.by])
      if (intersectPorts(b.ports, ports).length && !policies.includes(b.policy)) policies.push(b.policy);
  return { ports, policies, egress, ingress };
}

export { OPEN as OPEN_SIDE };

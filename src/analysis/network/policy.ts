// A NetworkPolicy (networking.k8s.io/v1) read into a plain, validated shape.
// Semantics from the Kubernetes docs ("Network Policies") and the API reference:
// - spec.podSelector selects pods of the policy's namespace; {} (or absent) selects all.
// - policyTypes absent or empty: Ingress always, Egress only when spec.egress has rules.
// - A direction in policyTypes with no rules denies everything in that direction.
// - A rule with no from/to allows every peer; with no ports, every port.
// - Rules of every policy selecting a pod are additive (a union of allows).
import { effectiveNamespace } from "../../cluster/namespace.js";
import type { KObject, ResourceRef } from "../../cluster/objects.js";
import { refOf } from "../../cluster/objects.js";
import { isRecord } from "../../util/record.js";
import { type Cidr, parseCidr } from "./cidr.js";
import { MATCH_ALL, MATCH_NONE, parseSelector, type Selector } from "./selectors.js";

export type Direction = "ingress" | "egress";
export type Protocol = "TCP" | "UDP" | "SCTP";

export type Peer =
  | {
      kind: "pods";
      /** undefined: the policy's own namespace (namespaceSelector null or absent). */
      namespaceSelector: Selector | undefined;
      /** Pods within the selected namespaces; MATCH_ALL when podSelector is absent. */
      podSelector: Selector;
    }
  | { kind: "ipBlock"; cidr: Cidr; except: Cidr[] }
  /** A peer the API server would reject: it matches nothing. */
  | { kind: "invalid" };

export interface PortSpec {
  protocol: Protocol;
  /** undefined: every port of the protocol. */
  port?: number | string;
  endPort?: number;
}

export interface Rule {
  /** undefined: every peer (from/to absent or empty). */
  peers: Peer[] | undefined;
  /** undefined: every port (ports absent or empty). */
  ports: PortSpec[] | undefined;
  /** Index of the rule in spec.ingress / spec.egress. */
  index: number;
}

export interface Policy {
  object: KObject;
  ref: ResourceRef;
  namespace: string;
  podSelector: Selector;
  /** The policy isolates the pods it selects in this direction. */
  types: Record<Direction, boolean>;
  /** Rules that count (rules of a direction not in policyTypes are ignored). */
  rules: Record<Direction, Rule[]>;
}

const PROTOCOLS = new Set(["TCP", "UDP", "SCTP"]);

function parsePort(raw: unknown): PortSpec | undefined {
  if (!isRecord(raw)) return undefined;
  const protocol = raw.protocol === undefined || raw.protocol === null ? "TCP" : raw.protocol;
  if (typeof protocol !== "string" || !PROTOCOLS.has(protocol)) return undefined;
  const spec: PortSpec = { protocol: protocol as Protocol };
  let port = raw.port;
  // A quoted number in a file means the number; the API server keeps names for named ports.
  if (typeof port === "string" && /^\d+$/.test(port)) port = Number(port);
  if (typeof port === "number" && Number.isInteger(port)) spec.port = port;
  else if (typeof port === "string" && port) spec.port = port;
  else if (port !== undefined && port !== null) return undefined;
  if (typeof raw.endPort === "number" && typeof spec.port === "number" && raw.endPort >= spec.port)
    spec.endPort = raw.endPort;
  return spec;
}

function parsePeer(raw: unknown): Peer {
  if (!isRecord(raw)) return { kind: "invalid" };
  const has = (k: string) => raw[k] !== undefined && raw[k] !== null;
  if (has("ipBlock")) {
    const block = raw.ipBlock;
    if (!isRecord(block) || has("podSelector") || has("namespaceSelector")) return { kind: "invalid" };
    const cidr = parseCidr(block.cidr);
    if (!cidr) return { kind: "invalid" };
    const except = (Array.isArray(block.except) ? block.except : [])
      .map(parseCidr)
      .filter((c): c is Cidr => c !== undefined);
    return { kind: "ipBlock", cidr, except };
  }
  if (!has("podSelector") && !has("namespaceSelector")) return { kind: "invalid" };
  return {
    kind: "pods",
    namespaceSelector: has("namespaceSelector") ? parseSelector(raw.namespaceSelector) : undefined,
    podSelector: has("podSelector") ? parseSelector(raw.podSelector) : MATCH_ALL,
  };
}

function parseRules(raw: unknown, peerField: "from" | "to"): Rule[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((r, index): Rule => {
    // A rule that is not an object is invalid: it allows nothing.
    if (!isRecord(r)) return { peers: [], ports: [], index };
    const rawPeers = r[peerField];
    const rawPorts = r.ports;
    const peers = Array.isArray(rawPeers) && rawPeers.length ? rawPeers.map(parsePeer) : undefined;
    let ports: PortSpec[] | undefined;
    if (Array.isArray(rawPorts) && rawPorts.length) {
      // An unreadable port entry matches no port rather than every port.
      ports = rawPorts.map(parsePort).filter((p): p is PortSpec => p !== undefined);
    }
    return { peers, ports, index };
  });
}

/** Reads a NetworkPolicy; never throws. */
export function parsePolicy(obj: KObject): Policy {
  const spec = isRecord(obj.spec) ? obj.spec : {};
  const rawSelector = spec.podSelector;
  const podSelector =
    rawSelector === undefined || rawSelector === null
      ? MATCH_ALL
      : isRecord(rawSelector)
        ? parseSelector(rawSelector)
        : MATCH_NONE;
  const egressRules = Array.isArray(spec.egress) ? spec.egress : [];
  const declared = Array.isArray(spec.policyTypes) ? spec.policyTypes.filter((t) => typeof t === "string") : [];
  const types =
    declared.length > 0
      ? { ingress: declared.includes("Ingress"), egress: declared.includes("Egress") }
      : { ingress: true, egress: egressRules.length > 0 };
  return {
    object: obj,
    ref: refOf(obj),
    namespace: effectiveNamespace(obj.metadata.namespace),
    podSelector,
    types,
    rules: {
      ingress: types.ingress ? parseRules(spec.ingress, "from") : [],
      egress: types.egress ? parseRules(spec.egress, "to") : [],
    },
  };
}

const cache = new WeakMap<KObject, Policy>();

/** parsePolicy, cached by object identity (the store replaces objects on change). */
export function policyOf(obj: KObject): Policy {
  let p = cache.get(obj);
  if (!p) cache.set(obj, (p = parsePolicy(obj)));
  return p;
}

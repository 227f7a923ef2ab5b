// Who can reach what, cluster-wide: the connectivity evaluator (traffic.ts) applied
// to every workload by equivalence classes. Two workloads that match the same policy
// peers, are selected by the same policies and resolve the same named ports get the
// same answer, so each side is evaluated once per (class × other side's class) and
// cached; the pairs only look the answers up. Peers are top workloads (a Deployment,
// not its ReplicaSet or pods; bare pods) and address blocks outside the pods.
import type { ReachAnswer, ReachConnection, ReachPeer, ReachPort, ReachQuery } from "../models.js";
import { type Cidr, parseAddressOrBlock, parseCidr } from "./cidr.js";
import { namedPortsOf, type WorkloadIsolation } from "./isolation.js";
import type { Direction, Peer, Policy } from "./policy.js";
import type { NamespaceNetwork } from "./segmentation.js";
import type { Labels } from "./selectors.js";
import { matches } from "./selectors.js";
import {
  ALL_PORTS,
  type ConnectionAnswer,
  combine,
  type ExternalEndpoint,
  endpointMatcher,
  isAllPorts,
  OPEN_SIDE,
  type PeerMatcher,
  type PodEndpoint,
  type PortSet,
  peerMatches,
  portSetOf,
  type SideAnswer,
  sideAllows,
} from "./traffic.js";

interface Node {
  w: WorkloadIsolation;
  ep: PodEndpoint;
  /** Ids of the pod peers (of every policy) that select this workload. */
  peerIds: ReadonlySet<number>;
  /** Class keys: as a peer (which pod peers select it), as a destination (and its named ports), as an ingress side, as an egress side. */
  sig: string;
  asDestination: string;
  ingressKey: string;
  egressKey: string;
}

const EVERYWHERE = ["0.0.0.0/0", "::/0"].map((t) => parseCidr(t)!);

/** The Policy list ids: isolate() shares one frozen list per set of selecting policies. */
function listIds() {
  const ids = new Map<readonly Policy[], number>();
  return (list: readonly Policy[]) => {
    let id = ids.get(list);
    if (id === undefined) ids.set(list, (id = ids.size));
    return id;
  };
}

function namedKey(ep: PodEndpoint): string {
  if (!ep.namedPorts?.size) return "";
  return [...ep.namedPorts]
    .map(([n, p]) => `${n}=${p.protocol}/${p.port}`)
    .sort()
    .join(",");
}

function policyName(p: Policy): string {
  return `${p.namespace}/${p.ref.name}`;
}

function portsOut(ps: PortSet): "all" | ReachPort[] {
  if (isAllPorts(ps)) return "all";
  return ps.map((r) => (r.endPort === r.port ? { protocol: r.protocol, port: r.port } : { ...r }));
}

function workloadPeer(n: Node): ReachPeer {
  const r = n.w.workload.ref;
  return {
    namespace: n.w.workload.namespace,
    kind: r.kind,
    name: r.name,
    ...(n.ep.hostNetwork ? { hostNetwork: true as const } : {}),
  };
}

function cidrPeer(cidr: Cidr, except: readonly Cidr[] = []): ReachPeer {
  return except.length ? { cidr: cidr.text, except: except.map((e) => e.text) } : { cidr: cidr.text };
}

export class ReachIndex {
  private readonly peerIds = new Map<Peer, number>();
  private readonly peersById: { peer: Peer; policy: Policy }[] = [];
  private readonly nodes: Node[] = [];
  private readonly byWorkload = new Map<WorkloadIsolation, Node>();
  private readonly byPeer = new Map<number, Node[]>();
  private readonly sides = new Map<string, SideAnswer>();
  private readonly listId = listIds();
  private readonly classes = new Map<string, number>();
  private readonly namedIds = new Map<string, number>();
  private readonly nsLabels: ReadonlyMap<string, Labels>;

  constructor(namespaces: ReadonlyMap<string, NamespaceNetwork>, labelsOf: (namespace: string) => Labels) {
    const nsLabels = new Map<string, Labels>();
    for (const name of namespaces.keys()) nsLabels.set(name, labelsOf(name));
    this.nsLabels = nsLabels;
    // Every pod peer of every rule gets an id; peers with a namespaceSelector can select anywhere.
    const local = new Map<string, number[]>();
    const global: number[] = [];
    for (const ns of namespaces.values())
      for (const policy of ns.policies)
        for (const d of ["ingress", "egress"] as Direction[])
          for (const rule of policy.rules[d])
            for (const peer of rule.peers ?? []) {
              if (peer.kind !== "pods" || this.peerIds.has(peer)) continue;
              const id = this.peersById.length;
              this.peerIds.set(peer, id);
              this.peersById.push({ peer, policy });
              if (peer.namespaceSelector) global.push(id);
              else {
                let l = local.get(policy.namespace);
                if (!l) local.set(policy.namespace, (l = []));
                l.push(id);
              }
            }
    // Which namespaces each global peer's namespaceSelector matches, once per namespace.
    const nsMatch = new Map<number, Set<string>>();
    for (const id of global) {
      const sel = (this.peersById[id]!.peer as Extract<Peer, { kind: "pods" }>).namespaceSelector!;
      nsMatch.set(id, new Set([...nsLabels].filter(([, l]) => matches(sel, l)).map(([n]) => n)));
    }
    for (const ns of namespaces.values()) {
      const candidates = [
        ...(local.get(ns.namespace) ?? []),
        ...global.filter((id) => nsMatch.get(id)!.has(ns.namespace)),
      ];
      for (const w of ns.workloads) {
        const node = this.makeNode(w, candidates);
        this.byWorkload.set(w, node);
        if (!ns.managed.has(w)) continue;
        this.nodes.push(node);
        for (const id of node.peerIds) {
          let list = this.byPeer.get(id);
          if (!list) this.byPeer.set(id, (list = []));
          list.push(node);
        }
      }
    }
  }

  private makeNode(w: WorkloadIsolation, candidates: readonly number[]): Node {
    const ep: PodEndpoint = {
      namespace: w.workload.namespace,
      namespaceLabels: this.nsLabels.get(w.workload.namespace) ?? {
        "kubernetes.io/metadata.name": w.workload.namespace,
      },
      podLabels: w.workload.podLabels,
      namedPorts: namedPortsOf(w.workload),
      ...(w.workload.podSpec.hostNetwork === true ? { hostNetwork: true } : {}),
    };
    const ids = new Set<number>();
    for (const id of candidates) {
      const { peer, policy } = this.peersById[id]!;
      if (peerMatches(peer, policy.namespace, ep)) ids.add(id);
    }
    const named = namedKey(ep);
    // The peer signature can be long (a workload many namespaceSelectors match): keys use its number.
    const sig = `${[...ids].join(",")}${ep.hostNetwork ? "|host" : ""}`;
    let cls = this.classes.get(sig);
    if (cls === undefined) this.classes.set(sig, (cls = this.classes.size));
    const namedId = this.namedIds.get(named) ?? this.namedIds.set(named, this.namedIds.size).get(named)!;
    return {
      w,
      ep,
      peerIds: ids,
      sig: `${cls}`,
      asDestination: `${cls}|${namedId}`,
      ingressKey: `${this.listId(w.policies.ingress)}|${namedId}`,
      egressKey: `${this.listId(w.policies.egress)}`,
    };
  }

  private matcherOf(other: Node | ExternalEndpoint): PeerMatcher {
    if ("cidr" in other) return endpointMatcher(other);
    // Pod peers were matched once per workload (with peerMatches); the rest directly.
    return (peer, policy) =>
      peer.kind === "pods"
        ? other.peerIds.has(this.peerIds.get(peer) ?? -1)
        : peerMatches(peer, policy.namespace, other.ep);
  }

  private otherKey(other: Node | ExternalEndpoint): string {
    return "cidr" in other ? `cidr:${other.cidr.text}` : other.sig;
  }

  /** The destination's ingress side toward a source, per (destination class × source class). */
  private ingressSide(dst: Node, src: Node | ExternalEndpoint): SideAnswer {
    if (dst.w.policies.ingress.length === 0) return OPEN_SIDE;
    const key = `i|${dst.ingressKey}|${this.otherKey(src)}`;
    let s = this.sides.get(key);
    if (!s)
      this.sides.set(key, (s = sideAllows(dst.w.policies.ingress, "ingress", this.matcherOf(src), dst.ep.namedPorts)));
    return s;
  }

  /** The source's egress side toward a destination, per (source class × destination class). */
  private egressSide(src: Node, dst: Node | ExternalEndpoint): SideAnswer {
    if (src.w.policies.egress.length === 0) return OPEN_SIDE;
    const key = `e|${src.egressKey}|${"cidr" in dst ? `cidr:${dst.cidr.text}` : dst.asDestination}`;
    let s = this.sides.get(key);
    if (!s)
      this.sides.set(
        key,
        (s = sideAllows(
          src.w.policies.egress,
          "egress",
          this.matcherOf(dst),
          "cidr" in dst ? undefined : dst.ep.namedPorts,
        )),
      );
    return s;
  }

  /** Between two workloads. */
  private between(src: Node, dst: Node, within: PortSet): ConnectionAnswer {
    return combine(this.egressSide(src, dst), this.ingressSide(dst, src), within);
  }

  /** The address blocks a side's rules name: every peer-less rule means everywhere. */
  private blocksOf(policies: readonly Policy[], direction: Direction): { cidr: Cidr; except: Cidr[] }[] {
    if (policies.length === 0) return EVERYWHERE.map((cidr) => ({ cidr, except: [] }));
    const out = new Map<string, { cidr: Cidr; except: Cidr[] }>();
    for (const p of policies)
      for (const rule of p.rules[direction]) {
        const blocks = rule.peers
          ? rule.peers.flatMap((peer) => (peer.kind === "ipBlock" ? [{ cidr: peer.cidr, except: peer.except }] : []))
          : EVERYWHERE.map((cidr) => ({ cidr, except: [] }));
        for (const b of blocks) out.set(`${b.cidr.text}|${b.except.map((e) => e.text).join(",")}`, b);
      }
    return [...out.values()];
  }

  /** Connections between a workload and the blocks outside the pods its rules (or their absence) name. */
  private external(n: Node, direction: Direction, within: PortSet, skipOpen: boolean): ReachConnection[] {
    const policies = n.w.policies[direction];
    if (skipOpen && policies.length === 0) return [];
    const out: ReachConnection[] = [];
    for (const b of this.blocksOf(policies, direction)) {
      const side =
        direction === "ingress"
          ? sideAllows(policies, "ingress", blockMatcher(b), n.ep.namedPorts)
          : sideAllows(policies, "egress", blockMatcher(b), undefined);
      const c = direction === "ingress" ? combine(OPEN_SIDE, side, within) : combine(side, OPEN_SIDE, within);
      if (!c.ports.length) continue;
      const peer = cidrPeer(b.cidr, b.except);
      out.push(direction === "ingress" ? connection(peer, workloadPeer(n), c) : connection(workloadPeer(n), peer, c));
    }
    return out;
  }

  /** A workload of a namespace by NS/NAME or NS/KIND/NAME: top workloads first, then any. */
  find(text: string): Node | string {
    const parts = text.split("/");
    if (parts.length < 2 || parts.length > 3 || parts.some((p) => !p))
      return `expected NAMESPACE/NAME or NAMESPACE/KIND/NAME, got "${text}"`;
    const [ns, kindOrName, maybeName] = parts as [string, string, string?];
    const name = maybeName ?? kindOrName;
    const kind = maybeName ? kindOrName.toLowerCase() : undefined;
    const fits = (n: Node) =>
      n.w.workload.namespace === ns &&
      n.w.workload.ref.name === name &&
      (!kind || n.w.workload.ref.kind.toLowerCase() === kind);
    const top = this.nodes.filter(fits);
    if (top.length === 1) return top[0]!;
    if (top.length > 1)
      return `${text} is ambiguous: ${top.map((n) => `${ns}/${n.w.workload.ref.kind}/${name}`).join(", ")}`;
    for (const n of this.byWorkload.values()) if (fits(n)) return n;
    return `no workload ${text} (a Pod or a controller with a pod template)`;
  }

  /** Who can reach `dst` (workloads and address blocks), each with the ports and the allowing policies. */
  to(dst: Node, within: PortSet = ALL_PORTS): ReachConnection[] {
    const out: ReachConnection[] = [];
    for (const src of this.nodes) {
      if (src.w === dst.w) continue;
      const c = this.between(src, dst, within);
      if (c.ports.length) out.push(connection(workloadPeer(src), workloadPeer(dst), c));
    }
    out.push(...this.external(dst, "ingress", within, false));
    return out;
  }

  /** What `src` can reach. */
  from(src: Node, within: PortSet = ALL_PORTS): ReachConnection[] {
    const out: ReachConnection[] = [];
    for (const dst of this.nodes) {
      if (src.w === dst.w) continue;
      const c = this.between(src, dst, within);
      if (c.ports.length) out.push(connection(workloadPeer(src), workloadPeer(dst), c));
    }
    out.push(...this.external(src, "egress", within, false));
    return out;
  }

  /**
   * Every connection some policy decides (at least one side isolated). Pairs of two
   * open workloads are allowed on every port by the absence of policy; they are
   * summarised by `open` instead of listed (quadratic in an unsegmented cluster).
   */
  all(within: PortSet = ALL_PORTS): {
    connections: ReachConnection[];
    open: { ingress: ReachPeer[]; egress: ReachPeer[] };
  } {
    const out: ReachConnection[] = [];
    const candidates = (n: Node, direction: Direction): Node[] => {
      const set = new Set<Node>();
      for (const p of n.w.policies[direction])
        for (const rule of p.rules[direction]) {
          if (!rule.peers) return this.nodes;
          for (const peer of rule.peers) {
            const id = peer.kind === "pods" ? this.peerIds.get(peer) : undefined;
            if (id !== undefined) for (const m of this.byPeer.get(id) ?? []) set.add(m);
          }
        }
      return [...set];
    };
    for (const dst of this.nodes) {
      if (dst.w.policies.ingress.length === 0) continue;
      for (const src of candidates(dst, "ingress")) {
        if (src === dst) continue;
        const c = this.between(src, dst, within);
        if (c.ports.length) out.push(connection(workloadPeer(src), workloadPeer(dst), c));
      }
      out.push(...this.external(dst, "ingress", within, true));
    }
    for (const src of this.nodes) {
      if (src.w.policies.egress.length === 0) continue;
      for (const dst of candidates(src, "egress")) {
        // Pairs into isolated destinations were listed above.
        if (dst === src || dst.w.policies.ingress.length > 0) continue;
        const c = this.between(src, dst, within);
        if (c.ports.length) out.push(connection(workloadPeer(src), workloadPeer(dst), c));
      }
      out.push(...this.external(src, "egress", within, true));
    }
    return {
      connections: out,
      open: {
        ingress: this.nodes.filter((n) => n.w.policies.ingress.length === 0).map(workloadPeer),
        egress: this.nodes.filter((n) => n.w.policies.egress.length === 0).map(workloadPeer),
      },
    };
  }

  /** Answer a query (CLI `reach`, TUI `:reach`). */
  answer(q: ReachQuery): ReachAnswer {
    const within = q.port ? portSetOf(q.port.port, q.port.protocol) : ALL_PORTS;
    const notes: string[] = [];
    const note = (n: Node) => {
      if (n.ep.hostNetwork)
        notes.push(
          `${n.w.workload.namespace}/${n.w.workload.ref.name} uses hostNetwork: it is outside NetworkPolicy (no policy isolates it, and pod selectors never match it; others see the node's address)`,
        );
    };
    if (q.all) {
      const { connections, open } = this.all(within);
      for (const n of this.nodes) note(n);
      return { connections: sortConnections(connections), open, notes };
    }
    const connections: ReachConnection[] = [];
    for (const [text, dir] of [
      [q.to, "to"],
      [q.from, "from"],
    ] as const) {
      if (!text) continue;
      // An address or block (10.0.0.1, 10.0.0.0/8) is a side outside the pods; NS/NAME a workload.
      const block = parseAddressOrBlock(text);
      if (block) {
        connections.push(...this.forBlock(block, dir, within));
        continue;
      }
      const n = this.find(text);
      if (typeof n === "string") return { connections: [], notes: [], error: n };
      note(n);
      connections.push(...(dir === "to" ? this.to(n, within) : this.from(n, within)));
    }
    return { connections: sortConnections(dedupe(connections)), notes };
  }

  /** An address or block as one side: which workloads it can reach / be reached from. */
  private forBlock(block: Cidr, dir: "to" | "from", within: PortSet): ReachConnection[] {
    const ext: ExternalEndpoint = { cidr: block };
    const out: ReachConnection[] = [];
    for (const n of this.nodes) {
      const c =
        dir === "to"
          ? combine(this.egressSide(n, ext), OPEN_SIDE, within)
          : combine(OPEN_SIDE, this.ingressSide(n, ext), within);
      if (!c.ports.length) continue;
      out.push(
        dir === "to"
          ? connection(workloadPeer(n), cidrPeer(block), c)
          : connection(cidrPeer(block), workloadPeer(n), c),
      );
    }
    return out;
  }
}

/**
 * A block a rule names, as the other side: the rule that names it (same cidr and
 * excepts) matches it, other ipBlocks when they contain all of it (peerMatches).
 */
function blockMatcher(b: { cidr: Cidr; except: readonly Cidr[] }): PeerMatcher {
  const excepts = b.except.map((c) => c.text).join(",");
  const inside = endpointMatcher({ cidr: b.cidr });
  return (peer, policy) =>
    (peer.kind === "ipBlock" &&
      peer.cidr.text === b.cidr.text &&
      peer.except.map((c) => c.text).join(",") === excepts) ||
    inside(peer, policy);
}

function connection(from: ReachPeer, to: ReachPeer, c: ConnectionAnswer): ReachConnection {
  return { from, to, ports: portsOut(c.ports), policies: c.policies.map(policyName).sort() };
}

function peerKey(p: ReachPeer): string {
  return "cidr" in p ? `~${p.cidr}|${(p.except ?? []).join(",")}` : `${p.namespace}/${p.kind}/${p.name}`;
}

function dedupe(cs: ReachConnection[]): ReachConnection[] {
  const seen = new Set<string>();
  return cs.filter((c) => {
    const k = `${peerKey(c.from)}>${peerKey(c.to)}`;
    return !seen.has(k) && !!seen.add(k);
  });
}

function sortConnections(cs: ReachConnection[]): ReachConnection[] {
  return cs.sort(
    (a, b) => peerKey(a.to).localeCompare(peerKey(b.to)) || peerKey(a.from).localeCompare(peerKey(b.from)),
  );
}

// Which policies select each workload (Pod or pod template), per direction.
// Only the policies of the workload's own namespace can select it.
import { refKey } from "../../cluster/objects.js";
import { containersOf, type Workload } from "../workloads.js";
import type { Direction, Policy, Protocol } from "./policy.js";
import { matches } from "./selectors.js";
import type { NamedPorts } from "./traffic.js";

export interface WorkloadIsolation {
  workload: Workload;
  key: string;
  /** Policies selecting the workload's pods for ingress / egress; empty = not isolated. */
  policies: Record<Direction, Policy[]>;
}

const NO_POLICIES: Record<Direction, Policy[]> = Object.freeze({
  ingress: Object.freeze([]) as unknown as Policy[],
  egress: Object.freeze([]) as unknown as Policy[],
});

/**
 * Selecting-policy lists already built for a namespace, by which policies select:
 * most workloads of a namespace are selected by the same few (a default-deny selects
 * all), so they share one frozen pair of lists. Pass one per namespace's policy list.
 */
export type PolicySets = Map<string, Record<Direction, Policy[]>>;

export function isolate(workload: Workload, policies: readonly Policy[], shared?: PolicySets): WorkloadIsolation {
  // hostNetwork pods are outside NetworkPolicy: no policy isolates them (traffic.ts).
  if (workload.podSpec.hostNetwork === true) return { workload, key: refKey(workload.ref), policies: NO_POLICIES };
  let which = "";
  for (let i = 0; i < policies.length; i++) if (matches(policies[i]!.podSelector, workload.podLabels)) which += `${i},`;
  let sets = which ? shared?.get(which) : NO_POLICIES;
  if (!sets) {
    const selecting = policies.filter((p) => matches(p.podSelector, workload.podLabels));
    sets = Object.freeze({
      ingress: Object.freeze(selecting.filter((p) => p.types.ingress)) as Policy[],
      egress: Object.freeze(selecting.filter((p) => p.types.egress)) as Policy[],
    });
    shared?.set(which, sets);
  }
  return { workload, key: refKey(workload.ref), policies: sets };
}

export function isIsolated(w: WorkloadIsolation, direction: Direction): boolean {
  return w.policies[direction].length > 0;
}

/** Named container ports of a workload, for rules that name ports. */
export function namedPortsOf(workload: Workload): NamedPorts {
  const out = new Map<string, { port: number; protocol: Protocol }>();
  for (const c of containersOf(workload)) {
    const ports = c.container.ports;
    if (!Array.isArray(ports)) continue;
    for (const p of ports) {
      if (typeof p !== "object" || p === null) continue;
      if (typeof p.name !== "string" || typeof p.containerPort !== "number") continue;
      const protocol = p.protocol === "UDP" || p.protocol === "SCTP" ? p.protocol : "TCP";
      if (!out.has(p.name)) out.set(p.name, { port: p.containerPort, protocol });
    }
  }
  return out;
}

/**
 * Workloads a person manages: a pod or template whose controller is not itself
 * among the namespace's workloads (a Deployment, not its ReplicaSet and pods).
 */
export function managedWorkloads<T extends { workload: Workload }>(items: readonly T[], all: readonly Workload[]): T[] {
  const uids = new Set(all.map((w) => w.object.metadata.uid));
  const names = new Set(all.map((w) => `${w.ref.kind}/${w.ref.name}`));
  return items.filter(
    ({ workload }) =>
      !workload.object.metadata.ownerReferences.some(
        (o) => (o.uid && uids.has(o.uid)) || names.has(`${o.kind}/${o.name}`),
      ),
  );
}

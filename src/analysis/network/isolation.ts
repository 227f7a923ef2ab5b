// Which policies select each workload (Pod or pod template), per direction.
// Only the policies of the workload's own namespace can select it.
import { refKey } from "../../cluster/objects.js";
import type { Workload } from "../workloads.js";
import type { Direction, Policy } from "./policy.js";
import { matches } from "./selectors.js";

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

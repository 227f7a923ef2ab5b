// How well a namespace is segmented:
// - none: no NetworkPolicy in the namespace.
// - default-deny: policies with an empty podSelector isolate every pod, present and
//   future, for both ingress and egress (so every workload is isolated both ways).
// - partial: anything in between — some workload selected by nothing or isolated in
//   one direction only, or every current workload isolated but a new pod with other
//   labels would not be (no catch-all). A namespace with policies and no workloads
//   is judged by the catch-all alone.
import type { Segmentation } from "../engine.js";
import type { Workload } from "../workloads.js";
import { isIsolated, isolate, managedWorkloads, type PolicySets, type WorkloadIsolation } from "./isolation.js";
import type { Direction, Policy } from "./policy.js";
import { isEmpty } from "./selectors.js";

export interface NamespaceNetwork {
  namespace: string;
  policies: Policy[];
  workloads: WorkloadIsolation[];
  segmentation: Segmentation;
  /** A policy with an empty podSelector isolates this direction for every pod. */
  catchAll: Record<Direction, boolean>;
  /** Workloads not isolated in a direction. */
  open: Record<Direction, WorkloadIsolation[]>;
  /** Workloads a person manages (controllers and bare pods, not ReplicaSets or owned pods). */
  managed: ReadonlySet<WorkloadIsolation>;
}

export function analyzeNamespace(
  namespace: string,
  policies: readonly Policy[],
  workloads: readonly Workload[],
): NamespaceNetwork {
  const shared: PolicySets = new Map();
  const isolated = workloads.map((w) => isolate(w, policies, shared));
  const catchAllOf = (d: Direction) => policies.some((p) => p.types[d] && isEmpty(p.podSelector));
  const catchAll = { ingress: catchAllOf("ingress"), egress: catchAllOf("egress") };
  const open = {
    ingress: isolated.filter((w) => !isIsolated(w, "ingress")),
    egress: isolated.filter((w) => !isIsolated(w, "egress")),
  };
  const segmentation: Segmentation =
    policies.length === 0 ? "none" : catchAll.ingress && catchAll.egress ? "default-deny" : "partial";
  const managed = new Set(managedWorkloads(isolated, workloads));
  return { namespace, policies: [...policies], workloads: isolated, segmentation, catchAll, open, managed };
}

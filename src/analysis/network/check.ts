// A network check sees one namespace at a time (its policies and workloads), so
// results can be cached per namespace.
import type { ResourceRef } from "../../cluster/objects.js";
import type { CheckDef } from "../engine.js";
import type { Finding } from "../finding.js";
import type { Workload } from "../workloads.js";
import type { WorkloadIsolation } from "./isolation.js";
import type { NamespaceNetwork } from "./segmentation.js";

export interface NamespaceCheck extends CheckDef {
  detect(ns: NamespaceNetwork): Finding[];
}

export function namespaceRef(name: string): ResourceRef {
  return { apiVersion: "v1", kind: "Namespace", name };
}

/** "Deployment web, StatefulSet db and 2 more" — for messages. */
export function listWorkloads(items: readonly { workload: Workload }[], max = 5): string {
  const names = items.map(({ workload }) => `${workload.ref.kind} ${workload.ref.name}`);
  if (names.length <= max) return names.join(", ");
  return `${names.slice(0, max).join(", ")} and ${names.length - max} more`;
}

/** Managed workloads of the namespace among `items` (controllers and bare pods). */
export function managedAmong(ns: NamespaceNetwork, items: readonly WorkloadIsolation[]): WorkloadIsolation[] {
  return items.filter((w) => ns.managed.has(w));
}

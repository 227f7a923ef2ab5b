// Gathers one namespace's policies and workloads from the store, and the
// namespace labels namespaceSelectors match against.
import { type KObject, WORKLOAD_KINDS } from "../../cluster/objects.js";
import type { Store } from "../../store/store.js";
import { objectsIn, objectsOfKindsIn } from "../parts.js";
import { type Workload, workloadOf } from "../workloads.js";
import { policyOf } from "./policy.js";
import { analyzeNamespace, type NamespaceNetwork } from "./segmentation.js";
import type { Labels } from "./selectors.js";

/** Namespaces whose components need traffic kubeward cannot know: reported lower, never auto-fixed. */
export const SYSTEM_NAMESPACES = new Set(["kube-system", "kube-public", "kube-node-lease"]);

export function workloadObjectsIn(store: Store, namespace: string): KObject[] {
  return objectsOfKindsIn(store, WORKLOAD_KINDS, namespace);
}

export function namespaceNetwork(store: Store, namespace: string): NamespaceNetwork {
  const policies = objectsIn(store, "NetworkPolicy", namespace).map(policyOf);
  const workloads = workloadObjectsIn(store, namespace)
    .map(workloadOf)
    .filter((w): w is Workload => !!w);
  return analyzeNamespace(namespace, policies, workloads);
}

/**
 * Labels of a namespace. Without its Namespace object (files), only the label
 * the API server always sets: kubernetes.io/metadata.name.
 */
export function namespaceLabels(store: Store, namespace: string): Labels {
  const obj = store.getByName("Namespace", undefined, namespace);
  return { ...(obj?.metadata.labels ?? {}), "kubernetes.io/metadata.name": namespace };
}

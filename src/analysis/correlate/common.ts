// Helpers the attack-path rules share: which workloads to look at, and which
// findings of earlier engines a path combines (findingsAbout: ../findings-about.ts).
import { effectiveNamespace } from "../../cluster/namespace.js";
import type { KObject, ResourceRef } from "../../cluster/objects.js";
import { OwnerTops } from "../../store/owner.js";
import type { Store } from "../../store/store.js";
import type { Finding } from "../finding.js";
import type { SubjectRef } from "../models.js";
import { type Workload, workloadOf, workloadsIn } from "../workloads.js";

/** Workloads a user manages: a pod whose controller is loaded is represented by that controller. */
export function topWorkloads(store: Store, owners = new OwnerTops(store)): Workload[] {
  return workloadsIn(store).filter((w) => owners.of(w.object).topObject === (w.object as KObject));
}

/** topWorkloads among the given objects (one namespace's). */
export function topWorkloadsOf(store: Store, objects: readonly KObject[], owners = new OwnerTops(store)): Workload[] {
  const out: Workload[] = [];
  for (const obj of objects) {
    const w = workloadOf(obj);
    if (w && owners.of(obj).topObject === obj) out.push(w);
  }
  return out;
}

export function saRef(s: SubjectRef): ResourceRef {
  return { apiVersion: "v1", kind: "ServiceAccount", namespace: effectiveNamespace(s.namespace), name: s.name };
}

export function uniqueIds(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((f) => f.id))];
}

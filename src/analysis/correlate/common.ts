// Helpers the attack-path rules share: which workloads to look at, and which
// findings of earlier engines a path combines.
import { effectiveNamespace } from "../../cluster/namespace.js";
import { type KObject, type ResourceRef, refKey } from "../../cluster/objects.js";
import { cachedOwnerTop } from "../../store/owner.js";
import type { Store } from "../../store/store.js";
import type { Finding } from "../finding.js";
import type { SubjectRef } from "../models.js";
import { type Workload, workloadOf, workloadsIn } from "../workloads.js";

/** Workloads a user manages: a pod whose controller is loaded is represented by that controller. */
export function topWorkloads(store: Store): Workload[] {
  return workloadsIn(store).filter((w) => cachedOwnerTop(store, w.object).topObject === (w.object as KObject));
}

/** topWorkloads among the given objects (one namespace's). */
export function topWorkloadsOf(store: Store, objects: readonly KObject[]): Workload[] {
  const out: Workload[] = [];
  for (const obj of objects) {
    const w = workloadOf(obj);
    if (w && cachedOwnerTop(store, obj).topObject === obj) out.push(w);
  }
  return out;
}

/** Findings by the key of every ref they are about (resource and related), in list order. */
const indexes = new WeakMap<readonly Finding[], { length: number; byRef: Map<string, Finding[]> }>();

function indexByRef(findings: readonly Finding[]): Map<string, Finding[]> {
  let idx = indexes.get(findings);
  // Keyed by the array and its length: the analyzer's list only grows while engines run.
  if (!idx || idx.length !== findings.length) {
    const byRef = new Map<string, Finding[]>();
    for (const f of findings) {
      const keys = new Set([refKey(f.resource)]);
      for (const r of f.related ?? []) keys.add(refKey(r));
      for (const k of keys) {
        let list = byRef.get(k);
        if (!list) byRef.set(k, (list = []));
        list.push(f);
      }
    }
    idx = { length: findings.length, byRef };
    indexes.set(findings, idx);
  }
  return idx.byRef;
}

/**
 * Findings about `ref`: on it, or naming it in `related` (in list order).
 * Indexed once per finding list: a scan per workload was quadratic at 150,000 findings.
 */
export function findingsAbout(
  findings: readonly Finding[],
  ref: ResourceRef,
  filter: (f: Finding) => boolean = () => true,
): Finding[] {
  return (indexByRef(findings).get(refKey(ref)) ?? []).filter(filter);
}

export function saRef(s: SubjectRef): ResourceRef {
  return { apiVersion: "v1", kind: "ServiceAccount", namespace: effectiveNamespace(s.namespace), name: s.name };
}

export function uniqueIds(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((f) => f.id))];
}

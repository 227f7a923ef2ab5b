// Helpers the attack-path rules share: which workloads to look at, and which
// findings of earlier engines a path combines.
import { type KObject, type ResourceRef, refKey } from "../../cluster/objects.js";
import { cachedOwnerChain } from "../../patch/owner.js";
import type { Store } from "../../store/store.js";
import type { Finding } from "../finding.js";
import type { SubjectRef } from "../models.js";
import { type Workload, workloadsIn } from "../workloads.js";

/** Workloads a user manages: a pod whose controller is loaded is represented by that controller. */
export function topWorkloads(store: Store): Workload[] {
  return workloadsIn(store).filter((w) => cachedOwnerChain(store, w.object).topObject === (w.object as KObject));
}

export function sameRef(a: ResourceRef, b: ResourceRef): boolean {
  return refKey(a) === refKey(b);
}

/** Findings about `ref`: on it, or naming it in `related`. */
export function findingsAbout(
  findings: readonly Finding[],
  ref: ResourceRef,
  filter: (f: Finding) => boolean = () => true,
): Finding[] {
  return findings.filter(
    (f) => filter(f) && (sameRef(f.resource, ref) || (f.related ?? []).some((r) => sameRef(r, ref))),
  );
}

export function saRef(s: SubjectRef): ResourceRef {
  return { apiVersion: "v1", kind: "ServiceAccount", namespace: s.namespace ?? "default", name: s.name };
}

export function uniqueRefs(refs: readonly ResourceRef[]): ResourceRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => !seen.has(refKey(r)) && !!seen.add(refKey(r)));
}

export function uniqueIds(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((f) => f.id))];
}

// What a workload does with Secrets and its service-account token: shared by
// the secret checks, the readers model and the attack-path correlation.

import type { Store } from "../../store/store.js";
import { isRecord } from "../../util/record.js";
import type { SubjectRef } from "../models.js";
import { containersOf, serviceAccountName, type Workload } from "../workloads.js";

/** By pod spec: what it reads is all in the spec, and pods of one controller often share theirs (interned). */
const usedBy = new WeakMap<object, Set<string>>();
/** Equal answers share one set: most workloads use none, or their controller's few. */
let sets = new Map<string, Set<string>>();
const NONE: Set<string> = new Set();

/**
 * Names of the Secrets a workload uses: env, envFrom, volumes, projected volumes, image pull secrets.
 * Memoised by pod spec and shared between equal answers: treat the set as read-only.
 */
export function secretsUsedBy(w: Workload): Set<string> {
  let names = usedBy.get(w.podSpec);
  if (!names) {
    const found = computeSecretsUsedBy(w);
    if (!found.size) names = NONE;
    else {
      const key = [...found].join("\u0000");
      names = sets.get(key);
      if (!names) {
        if (sets.size >= 65536) sets = new Map(); // bounded: sharing restarts rather than growing forever
        sets.set(key, (names = found));
      }
    }
    usedBy.set(w.podSpec, names);
  }
  return names;
}

function computeSecretsUsedBy(w: Workload): Set<string> {
  const names = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === "string" && v) names.add(v);
  };
  for (const c of containersOf(w)) {
    for (const e of Array.isArray(c.container.env) ? c.container.env : []) {
      if (isRecord(e) && isRecord(e.valueFrom) && isRecord(e.valueFrom.secretKeyRef))
        add(e.valueFrom.secretKeyRef.name);
    }
    for (const e of Array.isArray(c.container.envFrom) ? c.container.envFrom : []) {
      if (isRecord(e) && isRecord(e.secretRef)) add(e.secretRef.name);
    }
  }
  for (const v of Array.isArray(w.podSpec.volumes) ? w.podSpec.volumes : []) {
    if (!isRecord(v)) continue;
    if (isRecord(v.secret)) add(v.secret.secretName);
    const sources = isRecord(v.projected) && Array.isArray(v.projected.sources) ? v.projected.sources : [];
    for (const s of sources) if (isRecord(s) && isRecord(s.secret)) add(s.secret.name);
  }
  const pullSecrets = (w.podSpec as Record<string, unknown>).imagePullSecrets;
  for (const s of Array.isArray(pullSecrets) ? pullSecrets : []) if (isRecord(s)) add(s.name);
  return names;
}

/** The workload's service account as an RBAC subject. */
export function serviceAccountOf(w: Workload): SubjectRef {
  return { kind: "ServiceAccount", namespace: w.namespace, name: serviceAccountName(w) };
}

/** Has the pod an explicitly projected service-account token volume (a deliberate, bounded token)? */
export function hasProjectedToken(w: Workload): boolean {
  for (const v of Array.isArray(w.podSpec.volumes) ? w.podSpec.volumes : []) {
    const sources =
      isRecord(v) && isRecord(v.projected) && Array.isArray(v.projected.sources) ? v.projected.sources : [];
    if (sources.some((s) => isRecord(s) && isRecord(s.serviceAccountToken))) return true;
  }
  return false;
}

/**
 * Does the pod get its service account's API token automatically? The pod's
 * automountServiceAccountToken wins; unset, the ServiceAccount's; unset, true.
 */
export function tokenAutomounted(w: Workload, store: Store): boolean {
  const own = w.podSpec.automountServiceAccountToken;
  if (own === false) return false;
  if (own === true) return true;
  const sa = store.getByName("ServiceAccount", w.namespace, serviceAccountName(w));
  return sa?.automountServiceAccountToken !== false;
}

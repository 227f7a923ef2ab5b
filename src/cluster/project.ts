// Projection at the edge (DESIGN §1): every object is cut to what the analysis
// needs before it is stored. This is the one place that lists what a Secret keeps:
// its metadata and, from files, its key names — never a value.
import { isRecord, stringMap } from "../util/record.js";
import { Interner } from "./intern.js";
import { effectiveNamespace } from "./namespace.js";
import { type KObject, kindInfo, type ObjectMeta, type OwnerReference } from "./objects.js";
import { projectSupply, SUPPLY_KINDS } from "./project-supply.js";

export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

export class ProjectionError extends Error {}

/**
 * Shares equal subtrees and strings between projected objects: at 150,000 pods most
 * of a pod's spec equals its siblings'. Projected objects are therefore read-only.
 */
const sharing = new Interner();
const val = <T>(interner: Interner | undefined, v: T): T => (interner ? interner.value(v) : v);
const str = (interner: Interner | undefined, s: string): string => (interner ? interner.string(s) : s);

export interface ProjectOptions {
  /** Share equal subtrees with earlier objects (default true; false only to prove sharing changes nothing). */
  share?: boolean;
  /**
   * The namespace a namespaced object without metadata.namespace is put in, as `kubectl
   * apply -f` does (files: `--namespace NS`, else "default"). Unset: left without one.
   */
  defaultNamespace?: string;
}

function ownerRefs(v: unknown): OwnerReference[] {
  if (!Array.isArray(v)) return [];
  const out: OwnerReference[] = [];
  for (const o of v) {
    if (!isRecord(o) || typeof o.kind !== "string" || typeof o.name !== "string") continue;
    out.push({
      apiVersion: typeof o.apiVersion === "string" ? o.apiVersion : "",
      kind: o.kind,
      name: o.name,
      uid: typeof o.uid === "string" ? o.uid : "",
      ...(o.controller === true ? { controller: true } : {}),
    });
  }
  return out;
}

/** Key names a last-applied annotation carries under data/stringData, if it is a Secret's. */
function lastAppliedSecretKeys(annotation: string | undefined): string[] {
  if (!annotation) return [];
  try {
    const parsed: unknown = JSON.parse(annotation);
    if (!isRecord(parsed)) return [];
    const keys = [...Object.keys(stringMap(parsed.data)), ...Object.keys(stringMap(parsed.stringData))];
    return [...new Set(keys)].sort();
  } catch {
    return [];
  }
}

function projectMeta(
  raw: unknown,
  kind: string,
  interner: Interner | undefined,
  defaultNamespace: string | undefined,
): ObjectMeta {
  if (!isRecord(raw)) throw new ProjectionError(`${kind} has no metadata`);
  const name = raw.name;
  if (typeof name !== "string" || name === "") throw new ProjectionError(`${kind} has no metadata.name`);
  const own = typeof raw.namespace === "string" && raw.namespace ? raw.namespace : undefined;
  const namespace = own || defaultNamespace ? str(interner, effectiveNamespace(own, defaultNamespace)) : undefined;
  const annotations = stringMap(raw.annotations);
  delete annotations[LAST_APPLIED];
  const meta: ObjectMeta = {
    name,
    uid: typeof raw.uid === "string" && raw.uid ? raw.uid : `local:${kind}/${namespace ?? ""}/${name}`,
    labels: val(interner, stringMap(raw.labels)),
    annotations: val(interner, annotations),
    ownerReferences: val(interner, ownerRefs(raw.ownerReferences)),
  };
  if (namespace) meta.namespace = namespace;
  if (typeof raw.resourceVersion === "string") meta.resourceVersion = raw.resourceVersion;
  if (typeof raw.creationTimestamp === "string") meta.creationTimestamp = raw.creationTimestamp;
  if (typeof raw.deletionTimestamp === "string") meta.deletionTimestamp = raw.deletionTimestamp;
  return meta;
}

/**
 * The image digests a pod's containers run (status.containerStatuses[].imageID), by
 * container name: how a vulnerability report keyed by digest meets a tag-only spec.
 */
function runningImageIds(status: Record<string, unknown>): { imageIDs?: Record<string, string> } {
  const ids: Record<string, string> = {};
  for (const list of ["initContainerStatuses", "containerStatuses", "ephemeralContainerStatuses"]) {
    const items = status[list];
    if (!Array.isArray(items)) continue;
    for (const c of items)
      if (isRecord(c) && typeof c.name === "string" && typeof c.imageID === "string" && c.imageID.includes("@"))
        ids[c.name] = c.imageID;
  }
  return Object.keys(ids).length ? { imageIDs: ids } : {};
}

/** Fields kept beyond metadata, by kind. Anything not listed is dropped. */
const KEEP: Record<string, readonly string[]> = {
  Pod: ["spec"],
  Deployment: ["spec"],
  StatefulSet: ["spec"],
  DaemonSet: ["spec"],
  ReplicaSet: ["spec"],
  ReplicationController: ["spec"],
  Job: ["spec"],
  CronJob: ["spec"],
  ServiceAccount: ["automountServiceAccountToken", "secrets", "imagePullSecrets"],
  ConfigMap: ["data"],
  Service: ["spec"],
  Role: ["rules"],
  ClusterRole: ["rules", "aggregationRule"],
  RoleBinding: ["roleRef", "subjects"],
  ClusterRoleBinding: ["roleRef", "subjects"],
  NetworkPolicy: ["spec"],
  Ingress: ["spec"],
  HTTPRoute: ["spec"],
  Namespace: [],
  Secret: ["type"],
  ResourceQuota: ["spec"],
  LimitRange: ["spec"],
  ValidatingAdmissionPolicyBinding: ["spec"],
  Node: [],
};

/** A Node keeps the versions it reports (status.nodeInfo) and nothing else of its status. */
const NODE_INFO = ["kubeletVersion", "containerRuntimeVersion", "osImage", "kernelVersion", "architecture"] as const;

/**
 * Cuts a raw API object to its slim form. `kindHint` names the kind when the raw
 * object is a PartialObjectMetadata (live metadata-only lists).
 * Returns undefined for kinds kubeward does not read; throws ProjectionError for
 * objects it reads but cannot make sense of.
 */
export function project(raw: unknown, kindHint?: string, options: ProjectOptions = {}): KObject | undefined {
  const interner = options.share === false ? undefined : sharing;
  if (!isRecord(raw)) throw new ProjectionError("document is not an object");
  const rawKind = typeof raw.kind === "string" ? raw.kind : undefined;
  const kind = rawKind === "PartialObjectMetadata" || !rawKind ? kindHint : rawKind;
  if (!kind) throw new ProjectionError("object has no kind");
  const info = kindInfo(kind);
  if (!info) return undefined;
  const rawMeta = raw.metadata;
  const metadata = projectMeta(
    rawMeta,
    kind,
    interner,
    info.namespaced && options.defaultNamespace !== undefined ? options.defaultNamespace : undefined,
  );
  // The API server ignores metadata.namespace on cluster-scoped kinds (Helm charts often set one).
  if (!info.namespaced) delete metadata.namespace;
  const obj: KObject = {
    apiVersion: str(
      interner,
      typeof raw.apiVersion === "string" && rawKind === kind ? raw.apiVersion : info.apiVersion,
    ),
    kind: info.kind,
    metadata,
  };
  for (const field of KEEP[kind] ?? []) if (raw[field] !== undefined) obj[field] = val(interner, raw[field]);
  if (kind === "Pod" && isRecord(raw.status) && typeof raw.status.phase === "string") {
    obj.status = val(interner, { phase: raw.status.phase, ...runningImageIds(raw.status) });
  }
  if (SUPPLY_KINDS.has(kind)) Object.assign(obj, projectSupply(kind, raw));
  if (kind === "Node" && isRecord(raw.status) && isRecord(raw.status.nodeInfo)) {
    const from = raw.status.nodeInfo;
    const nodeInfo: Record<string, string> = {};
    for (const k of NODE_INFO) if (typeof from[k] === "string") nodeInfo[k] = from[k];
    obj.status = val(interner, { nodeInfo });
  }
  if (kind === "ConfigMap") {
    obj.data = val(interner, stringMap(raw.data));
    if (isRecord(raw.binaryData)) obj.binaryDataKeys = Object.keys(raw.binaryData).sort();
  }
  if (kind === "Secret") {
    // Values are dropped here; only key names survive (files carry them, live lists do not).
    const keys = [
      ...Object.keys(isRecord(raw.data) ? raw.data : {}),
      ...Object.keys(isRecord(raw.stringData) ? raw.stringData : {}),
    ];
    if (keys.length) obj.dataKeys = [...new Set(keys)].sort();
    const leaked = lastAppliedSecretKeys(
      isRecord(rawMeta) && isRecord(rawMeta.annotations)
        ? (rawMeta.annotations[LAST_APPLIED] as string | undefined)
        : undefined,
    );
    if (leaked.length) obj.lastAppliedDataKeys = leaked;
  }
  return obj;
}

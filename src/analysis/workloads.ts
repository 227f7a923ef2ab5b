// A workload is anything that carries a pod spec: a Pod, or a controller's pod
// template. Checks run on workloads so a Deployment scaled to zero is still seen.
import { effectiveNamespace } from "../cluster/namespace.js";
import { type KObject, POD_TEMPLATE_PATHS, type ResourceRef, refOf } from "../cluster/objects.js";
import {
  CONTAINER_LISTS,
  type Container,
  type ContainerList,
  type PodSpec,
  serviceAccountNameIn,
  valueAt,
} from "../cluster/podspec.js";
import type { Store } from "../store/store.js";
import { isRecord, stringMap } from "../util/record.js";

export interface Workload {
  object: KObject;
  ref: ResourceRef;
  namespace: string;
  podSpec: PodSpec;
  /** Labels and annotations of the pod (or of the template). */
  podLabels: Record<string, string>;
  podAnnotations: Record<string, string>;
  /** Dotted path of the pod spec inside the object, e.g. "spec.template.spec". */
  specPath: string;
  /** Dotted path of the pod metadata inside the object, e.g. "spec.template.metadata". */
  metaPath: string;
}

export interface ContainerEntry {
  container: Container;
  list: ContainerList;
  index: number;
  name: string;
  /** Full dotted path of this container in the object, e.g. spec.containers[0] */
  path: string;
}

// The store replaces an object when it changes, so a workload derived from an
// object can be kept for as long as the object lives: analyses after a pod event
// reuse every other workload instead of rebuilding them all.
const workloadCache = new WeakMap<KObject, Workload | null>();

/** The workload of a pod-carrying object (memoised by object identity; treat it as read-only). */
export function workloadOf(obj: KObject): Workload | undefined {
  let w = workloadCache.get(obj);
  if (w === undefined) workloadCache.set(obj, (w = buildWorkload(obj) ?? null));
  return w ?? undefined;
}

/** Spec and metadata paths per kind: one string each, shared by every workload of the kind. */
const PATHS = new Map(
  Object.entries(POD_TEMPLATE_PATHS).map(([kind, path]) => [
    kind,
    {
      spec: path.join("."),
      meta: kind === "Pod" ? "metadata" : [...path.slice(0, -1), "metadata"].join("."),
    },
  ]),
);

const NO_STRINGS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** A string map of `v`: `v` itself when it already is one (store objects are read-only), no copy. */
function readStringMap(v: unknown): Record<string, string> {
  if (!isRecord(v)) return NO_STRINGS;
  for (const k in v) if (k === "__proto__" || typeof v[k] !== "string") return stringMap(v);
  return v as Record<string, string>;
}

function buildWorkload(obj: KObject): Workload | undefined {
  const path = POD_TEMPLATE_PATHS[obj.kind];
  if (!path) return undefined;
  const node = valueAt(obj, path);
  const podSpec: PodSpec = isRecord(node) ? (node as PodSpec) : {};
  const isPod = obj.kind === "Pod";
  const templateMeta = isPod ? undefined : valueAt(obj, path.slice(0, -1));
  const meta = isPod ? obj.metadata : isRecord(templateMeta) ? templateMeta.metadata : undefined;
  return {
    object: obj,
    ref: refOf(obj),
    namespace: effectiveNamespace(obj.metadata.namespace),
    podSpec,
    podLabels: isPod ? obj.metadata.labels : readStringMap(isRecord(meta) ? meta.labels : undefined),
    podAnnotations: isPod ? obj.metadata.annotations : readStringMap(isRecord(meta) ? meta.annotations : undefined),
    specPath: PATHS.get(obj.kind)!.spec,
    metaPath: PATHS.get(obj.kind)!.meta,
  };
}

export function workloadsIn(store: Store): Workload[] {
  const out: Workload[] = [];
  for (const kind of Object.keys(POD_TEMPLATE_PATHS)) {
    for (const obj of store.list(kind)) {
      const w = workloadOf(obj);
      if (w) out.push(w);
    }
  }
  return out;
}

// The checks of one object run one after another (WorkloadCheckRunner.findingsFor), and a
// dozen of them walk its containers: the entries of the last workload asked for are kept,
// so they are built once per object and pass, without holding memory for every workload.
let lastWorkload: Workload | undefined;
let lastEntries: readonly ContainerEntry[] = [];

/** Container paths by spec path, list and index: one string each, shared by every workload. */
const containerPaths = new Map<string, string>();

function containerPath(specPath: string, list: ContainerList, index: number): string {
  const key = `${specPath}|${list}|${index}`;
  let path = containerPaths.get(key);
  if (path === undefined) {
    path = `${specPath}.${list}[${index}]`;
    // Spec paths are a handful per kind; only hostile specs with thousands of containers grow this.
    if (containerPaths.size < 4096) containerPaths.set(key, path);
  }
  return path;
}

/** Every container of a pod spec — init and ephemeral ones count too (the last workload's are kept; read-only). */
export function containersOf(w: Workload): readonly ContainerEntry[] {
  if (w === lastWorkload) return lastEntries;
  const entries: ContainerEntry[] = [];
  for (const list of CONTAINER_LISTS) {
    const items = w.podSpec[list];
    if (!Array.isArray(items)) continue;
    for (let index = 0; index < items.length; index++) {
      const c: unknown = items[index];
      if (!isRecord(c)) continue;
      entries.push({
        container: c as Container,
        list,
        index,
        name: typeof c.name === "string" ? c.name : `#${index}`,
        path: containerPath(w.specPath, list, index),
      });
    }
  }
  lastWorkload = w;
  lastEntries = Object.freeze(entries);
  return lastEntries;
}

export function serviceAccountName(w: Workload): string {
  return serviceAccountNameIn(w.podSpec);
}

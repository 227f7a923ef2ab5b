// The subset of Kubernetes strategic-merge semantics kubeward's patches use:
// maps merge recursively, null deletes a key, and the lists below merge by key
// (as their patchMergeKey in the Kubernetes API says); other lists replace.
// In a merge-keyed list, an element `{<key>: X, $patch: delete}` removes the item
// whose key is X (e.g. an env var by name), as the API server does.
import { isRecord, type Json } from "../util/record.js";

const MERGE_KEYS: Record<string, string> = {
  containers: "name",
  initContainers: "name",
  ephemeralContainers: "name",
  volumes: "name",
  env: "name",
  imagePullSecrets: "name",
  volumeMounts: "mountPath",
  ports: "containerPort",
};

/**
 * "apply": the result is an object (directives carried out and dropped).
 * "combine": the result is itself a patch (directives kept), for merging fixes.
 */
type Mode = "apply" | "combine";

const isDelete = (v: unknown): v is Json => isRecord(v) && v.$patch === "delete";

function mergeList(base: unknown[], patch: unknown[], key: string, mode: Mode): unknown[] {
  let out = base.map((item) => (isRecord(item) ? { ...item } : item));
  for (const p of patch) {
    if (!isRecord(p)) {
      out.push(p);
      continue;
    }
    if (isDelete(p)) {
      out = out.filter((b) => !(isRecord(b) && b[key] === p[key]));
      if (mode === "combine") out.push({ [key]: p[key], $patch: "delete" });
      continue;
    }
    const at = out.findIndex((b) => isRecord(b) && b[key] === p[key] && !isDelete(b));
    if (at >= 0) out[at] = merge(out[at] as Json, p, mode);
    else out.push(merge({}, p, mode));
  }
  return out;
}

function merge(base: Json, patch: Json, mode: Mode): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      if (mode === "combine") out[k] = null;
      else delete out[k];
    } else if (Array.isArray(v) && MERGE_KEYS[k]) {
      out[k] = mergeList(Array.isArray(out[k]) ? (out[k] as unknown[]) : [], v, MERGE_KEYS[k]!, mode);
    } else if (isRecord(v)) {
      out[k] = merge(isRecord(out[k]) ? (out[k] as Json) : {}, v, mode);
    } else {
      out[k] = structuredClone(v);
    }
  }
  return out;
}

/** Returns `base` with `patch` applied, as the API server would; neither argument is modified. */
export function strategicMerge(base: Json, patch: Json): Json {
  return merge(base, patch, "apply");
}

/** Merges two patches into one patch: deletions (null, `$patch: delete`) are kept as directives. */
export function combinePatches(first: Json, second: Json): Json {
  return merge(first, second, "combine");
}

/** Wraps a value under a dotted path: nest(["spec","template"], x) = {spec:{template:x}}. */
export function nest(path: readonly string[], value: Json): Json {
  return path.reduceRight<Json>((inner, key) => ({ [key]: inner }), value);
}

// The subset of Kubernetes strategic-merge semantics kubeward's patches use:
// maps merge recursively, null deletes a key, and the lists below merge by key
// (as their patchMergeKey in the Kubernetes API says); other lists replace.
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

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function mergeList(base: unknown[], patch: unknown[], key: string): unknown[] {
  const out = base.map((item) => (isRecord(item) ? { ...item } : item));
  for (const p of patch) {
    if (!isRecord(p)) {
      out.push(p);
      continue;
    }
    const at = out.findIndex((b) => isRecord(b) && b[key] === p[key]);
    if (at >= 0) out[at] = strategicMerge(out[at] as Json, p);
    else out.push(strategicMerge({}, p));
  }
  return out;
}

/** Returns `base` with `patch` applied; neither argument is modified. */
export function strategicMerge(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete out[k];
    } else if (Array.isArray(v) && MERGE_KEYS[k] && Array.isArray(out[k])) {
      out[k] = mergeList(out[k] as unknown[], v, MERGE_KEYS[k]!);
    } else if (isRecord(v)) {
      out[k] = strategicMerge(isRecord(out[k]) ? (out[k] as Json) : {}, v);
    } else {
      out[k] = structuredClone(v);
    }
  }
  return out;
}

/**
 * Combines two patches into one patch (b after a). Unlike strategicMerge, a null
 * is kept: it is a deletion directive for the API server, not a deletion here.
 */
export function combinePatches(a: Json, b: Json): Json {
  const out: Json = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    if (Array.isArray(v) && MERGE_KEYS[k] && Array.isArray(cur)) {
      const key = MERGE_KEYS[k]!;
      const list = [...cur];
      for (const item of v) {
        const at = isRecord(item) ? list.findIndex((x) => isRecord(x) && x[key] === item[key]) : -1;
        if (at >= 0) list[at] = combinePatches(list[at] as Json, item as Json);
        else list.push(structuredClone(item));
      }
      out[k] = list;
    } else if (isRecord(v) && isRecord(cur)) {
      out[k] = combinePatches(cur, v);
    } else {
      out[k] = structuredClone(v);
    }
  }
  return out;
}

/** Wraps a value under a dotted path: nest(["spec","template"], x) = {spec:{template:x}}. */
export function nest(path: readonly string[], value: Json): Json {
  return path.reduceRight<Json>((inner, key) => ({ [key]: inner }), value);
}

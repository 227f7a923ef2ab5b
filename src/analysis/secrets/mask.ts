// Plaintext credentials found in a pod spec's env values are replaced before
// kubeward writes or shows the spec (recreate manifests, resource YAML): a value
// the detectors flag is never copied out of the cluster by kubeward.
import { type KObject, POD_TEMPLATE_PATHS } from "../../cluster/objects.js";
import { CONTAINER_LISTS, valueAt } from "../../cluster/podspec.js";
import { isRecord } from "../../util/record.js";
import { detectCredential, detectInValue } from "./detectors.js";

export const MASKED_VALUE = "<redacted by kubeward: set this from a Secret>";

/** Returns a copy of `spec` with flagged env values masked, and the masked env var names. */
export function maskPlaintextEnv(spec: unknown): { spec: unknown; masked: string[] } {
  if (!isRecord(spec)) return { spec, masked: [] };
  const masked: string[] = [];
  const out: Record<string, unknown> = { ...spec };
  for (const list of CONTAINER_LISTS) {
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    out[list] = containers.map((c) => {
      if (!isRecord(c) || !Array.isArray(c.env)) return c;
      const env = c.env.map((e) => {
        if (!isRecord(e) || typeof e.name !== "string" || !detectCredential(e.name, e.value)) return e;
        masked.push(`${typeof c.name === "string" ? c.name : "?"}/${e.name}`);
        return { ...e, value: MASKED_VALUE };
      });
      return { ...c, env };
    });
  }
  return { spec: out, masked };
}

/** A copy of a projected object with flagged credentials masked (workload env values, ConfigMap data), and what was masked. */
export function maskCredentials(obj: KObject): { object: KObject; masked: string[] } {
  const path = POD_TEMPLATE_PATHS[obj.kind];
  if (path) {
    const parents = path.slice(0, -1);
    const last = path[path.length - 1]!;
    const out: KObject = structuredClone(obj);
    const node = valueAt(out, parents);
    if (!isRecord(node) || !isRecord(node[last])) return { object: obj, masked: [] };
    const { spec, masked } = maskPlaintextEnv(node[last]);
    node[last] = spec;
    return { object: out, masked };
  }
  if (obj.kind === "ConfigMap" && isRecord(obj.data)) {
    const data: Record<string, unknown> = {};
    const masked: string[] = [];
    for (const [k, v] of Object.entries(obj.data)) {
      const flagged = detectInValue(k, v).length > 0;
      if (flagged) masked.push(k);
      data[k] = flagged ? MASKED_VALUE : v;
    }
    return { object: { ...obj, data }, masked };
  }
  return { object: obj, masked: [] };
}

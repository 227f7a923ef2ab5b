// Plaintext credentials found in a pod spec's env values are replaced before
// kubeward writes or shows the spec (recreate manifests, resource YAML): a value
// the detectors flag is never copied out of the cluster by kubeward.
import { CONTAINER_LISTS } from "../../cluster/podspec.js";
import { isRecord } from "../../util/record.js";
import { detectCredential } from "./detectors.js";

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

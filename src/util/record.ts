/** A plain JSON object (not null, not an array): the first check on any field from the cluster. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The string-valued entries of a JSON object (labels, annotations); anything else gives `{}`. */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isRecord(v)) for (const [k, val] of Object.entries(v)) if (typeof val === "string") out[k] = val;
  return out;
}

/** A JSON object as read from the cluster or built for a patch. */
export type Json = Record<string, unknown>;

// YAML of a projected object (secret values never exist in it) with the
// line range of a field path, for the detail view's highlight.
import { isMap, isPair, isScalar, isSeq, type Node, parseDocument, stringify } from "yaml";
import { maskCredentials } from "../analysis/secrets/mask.js";
import type { KObject } from "../cluster/objects.js";
import { LAST_APPLIED } from "../cluster/project.js";
import { sanitize } from "../util/sanitize.js";

export interface ObjectYaml {
  lines: string[];
  /** 0-based inclusive line range of the path (or of its deepest existing prefix). */
  highlight?: { from: number; to: number };
}

/** "spec.containers[0].securityContext.privileged" → ["spec","containers",0,"securityContext","privileged"] */
export function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split(".")) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** Drops empty metadata maps so the YAML shows what matters. */
function tidy(raw: KObject): Record<string, unknown> {
  // Plaintext credentials in env values and ConfigMaps are shown masked, as the findings show them.
  const obj = maskCredentials(raw).object;
  const meta: Record<string, unknown> = { ...obj.metadata };
  // The last-applied annotation of a Secret was dropped at projection (it held values): a
  // line says so, where secret.last-applied points.
  const leaked: unknown = obj.lastAppliedDataKeys;
  if (obj.kind === "Secret" && Array.isArray(leaked) && leaked.length)
    meta.annotations = {
      ...obj.metadata.annotations,
      [LAST_APPLIED]: `(dropped by kubeward: it held the values of ${leaked.join(", ")})`,
    };
  for (const k of ["labels", "annotations"] as const)
    if (!Object.keys((meta[k] as object | undefined) ?? {}).length) delete meta[k];
  if (!obj.metadata.ownerReferences?.length) delete meta.ownerReferences;
  return { ...obj, metadata: meta };
}

function lineOf(text: string, offset: number, starts: number[]): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return Math.min(lo, text.length);
}

export function objectYaml(obj: KObject, path?: string): ObjectYaml {
  // Store objects share equal subtrees (cluster/intern.ts): write each in full, never as a YAML alias.
  const text = stringify(tidy(obj), { lineWidth: 0, aliasDuplicateObjects: false });
  // Each line goes through sanitize: annotations and env values are free text from the cluster.
  const lines = text.replace(/\n$/, "").split("\n").map(sanitize);
  if (!path) return { lines };
  const doc = parseDocument(text);
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  let node: Node | null | undefined = doc.contents as Node | null;
  let range: [number, number] | undefined;
  const segs = pathSegments(path);
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    if (isMap(node)) {
      // Keys may hold dots (annotation names): the longest run of segments that is a key wins.
      let pair: unknown;
      for (let j = segs.length; j > i && !pair; j--) {
        const run = segs.slice(i, j);
        if (j - i > 1 && run.some((s) => typeof s !== "string")) continue;
        const key = run.join(".");
        pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
        if (pair) i = j - 1;
      }
      if (!pair || !isPair(pair)) break;
      const key = pair.key as Node;
      const value = pair.value as Node | null;
      const end = value?.range ? value.range[1] : (key.range?.[1] ?? 0);
      if (key.range) range = [key.range[0], end];
      node = value;
    } else if (isSeq(node) && typeof seg === "number") {
      const item = node.items[seg] as Node | undefined;
      if (!item?.range) break;
      range = [item.range[0], item.range[1]];
      node = item;
    } else break;
  }
  if (!range) return { lines };
  const from = lineOf(text, range[0], starts);
  // A range ends after the value's trailing newline: the last line is the one before `end`.
  const to = Math.max(from, lineOf(text, Math.max(range[0], range[1] - 1), starts));
  return { lines, highlight: { from, to: Math.min(to, lines.length - 1) } };
}

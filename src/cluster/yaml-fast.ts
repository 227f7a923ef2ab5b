// Multi-document YAML at the speed of the input. The `yaml` package (kept for its
// messages, positions and alias limits) reads ~0.5–1 MB/s; a 50 MB `kubectl get -o yaml`
// dump took minutes. Dumps and Helm/Kustomize output are plain YAML — no directives,
// anchors, aliases or tags — so they are split at document markers in one pass (YAML
// forbids `---` at the start of a line inside a document) and each document is read by
// js-yaml with the core schema (what `yaml` uses: timestamps stay strings). A file with
// anything else, and any document js-yaml refuses, is left to the `yaml` parser, so
// problems keep their exact messages and an alias bomb still meets `maxAliasCount`.
import { CORE_SCHEMA, load } from "js-yaml";

export interface FastDocument {
  value: unknown;
  /** Offset where `yaml` says the document starts: its `---`, else its first content. */
  start: number;
}

/**
 * A directive or an end marker at a line start, or an anchor, alias or tag where a node can
 * start: after indentation and `- `/`? `/`: ` indicators, after a flow `[`/`{`/`,`/`:`, or after
 * `---`. Conservative: a quoted or plain scalar holding such text only costs the slow path.
 */
const NOT_PLAIN = /^%|^\.\.\.(?:\s|$)|(?:^[ \t]*(?:[-?:][ \t]+)*|[:,[{][ \t]*|---[ \t]+)[&*!]/m;

const CONTENT = /^[ \t]*[^\s#]/m;

/**
 * Every document of `text`, or undefined when the file is not plain YAML or one of its
 * documents does not parse here (the caller then reads the file with the `yaml` parser).
 */
export function fastDocuments(text: string): FastDocument[] | undefined {
  if (NOT_PLAIN.test(text)) return undefined;
  const docs: FastDocument[] = [];
  const read = (from: number, to: number, start: number | undefined): boolean => {
    const body = text.slice(from, to);
    if (start === undefined) {
      // Before the first marker: a document only when it holds content (comments attach to the next).
      const m = CONTENT.exec(body);
      if (!m) return true;
      start = from + m.index + (m[0].length - m[0].trimStart().length);
    }
    try {
      docs.push({ value: load(body, { schema: CORE_SCHEMA }) ?? null, start });
      return true;
    } catch {
      return false;
    }
  };
  let docStart: number | undefined;
  let bodyStart = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    if (
      text.startsWith("---", lineStart) &&
      (lineStart + 3 === text.length || " \t\r\n".includes(text[lineStart + 3]!))
    ) {
      if (!read(bodyStart, lineStart, docStart)) return undefined;
      docStart = lineStart;
      bodyStart = lineStart + 3;
    }
    const nl = text.indexOf("\n", lineStart);
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  if (!read(bodyStart, text.length, docStart)) return undefined;
  return docs;
}

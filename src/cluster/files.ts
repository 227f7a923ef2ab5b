// The file source: kubectl dumps, List kinds, multi-document YAML, JSON and
// directories of manifests. A broken document is reported by file and document
// number; every other document still loads (DESIGN §6.4).
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { isRecord } from "../util/record.js";
import { objectProblems } from "./names.js";
import { effectiveNamespace } from "./namespace.js";
import { KINDS, type KObject, refKey } from "./objects.js";
import { ProjectionError, project } from "./project.js";
import type { Source, SourceEvent, SourceInfo, SourceProblem } from "./source.js";
import { wrongField } from "./validate.js";
import { fastDocuments } from "./yaml-fast.js";

const MANIFEST = /\.(ya?ml|json)$/i;

export interface LoadedFiles {
  objects: KObject[];
  problems: SourceProblem[];
  /** Where each object came from (refKey → file, line), for SARIF locations. */
  origins: Map<string, { file: string; line?: number }>;
}

function listFiles(path: string, problems: SourceProblem[]): string[] {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch (err) {
    problems.push({
      where: path,
      message: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    });
    return [];
  }
  if (!st.isDirectory()) return [path];
  const out: string[] = [];
  for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".")) continue;
    const full = join(path, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, problems));
    else if (MANIFEST.test(entry.name)) out.push(full);
  }
  return out;
}

/** Default per-file size limit (`--max-file-size`): checked before reading. */
export const DEFAULT_MAX_FILE_SIZE = 512 * 1024 * 1024;

/** Deeper than this, a document is refused (a problem naming file and document), never a stack overflow. */
export const MAX_DEPTH = 64;

/** Flattens `List` kinds (kubectl get -o yaml) into their items (the depth is bounded before). */
function flatten(doc: unknown, out: unknown[] = []): unknown[] {
  if (isRecord(doc) && Array.isArray(doc.items) && typeof doc.kind === "string" && doc.kind.endsWith("List")) {
    for (const item of doc.items) flatten(item, out);
  } else if (doc !== null && doc !== undefined) out.push(doc);
  return out;
}

/** Whether `value` nests deeper than `limit` (iterative: no recursion on hostile input). */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v))
      if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Where the flow nesting (`[`/`{`, outside quotes and comments) of a YAML/JSON text first
 * goes deeper than `limit`, with the document number (by `---` lines) and line. A linear
 * scan before parsing: the YAML parser's time grows with nesting much faster than with
 * size, so a hostile file is refused before it is parsed.
 */
export function flowTooDeep(
  text: string,
  limit: number,
): { document: number; line: number; start: number; end: number } | undefined {
  let depth = 0;
  let docStart = 0;
  let line = 1;
  let document = 1;
  let lineStart = true;
  let quote = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = true;
      if (quote === 39) continue; // single-quoted scalars may span lines
      continue;
    }
    if (quote) {
      if (c === 92 && quote === 34) i++;
      else if (c === quote) quote = 0;
      lineStart = false;
      continue;
    }
    if (lineStart && c === 45 && text.startsWith("---", i) && depth === 0) {
      document++;
      docStart = i;
    }
    lineStart = false;
    if (c === 34 || c === 39) quote = c;
    else if (c === 35 && (i === 0 || text.charCodeAt(i - 1) <= 32)) {
      const eol = text.indexOf("\n", i);
      i = (eol === -1 ? n : eol) - 1;
    } else if (c === 91 || c === 123) {
      if (++depth > limit) {
        const next = text.indexOf("\n---", i);
        return {
          document: text.startsWith("---") ? document - 1 : document,
          line,
          start: docStart,
          end: next === -1 ? n : next + 1,
        };
      }
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return undefined;
}

/**
 * Line numbers of ascending offsets in one pass over the text: each call advances from
 * the previous offset (documents come in order), so a file costs O(its length), not
 * O(documents × length).
 */
export function lineCounter(text: string): (offset: number) => number {
  let pos = 0;
  let line = 1;
  return (offset: number) => {
    if (offset < pos) {
      pos = 0;
      line = 1;
    }
    const end = Math.min(offset, text.length);
    let i = text.indexOf("\n", pos);
    while (i !== -1 && i < end) {
      line++;
      i = text.indexOf("\n", i + 1);
    }
    pos = end;
    return line;
  };
}

export interface LoadOptions {
  /** Where namespaced objects without metadata.namespace go (`--namespace`; default "default"). */
  namespace?: string;
  /** Per-file size limit in bytes (default DEFAULT_MAX_FILE_SIZE). */
  maxFileSize?: number;
}

export function parseManifestText(text: string, file: string, into: LoadedFiles, options: LoadOptions = {}): void {
  const docs: { value: unknown; line: number; index: number }[] = [];
  // A document nested too deep is blanked (same lines, so numbering holds) and reported;
  // the other documents of the file are still read.
  for (let deep = flowTooDeep(text, MAX_DEPTH); deep; deep = flowTooDeep(text, MAX_DEPTH)) {
    into.problems.push({
      where: `${file}: document ${deep.document} (line ${deep.line})`,
      message: `nested deeper than ${MAX_DEPTH} levels: refused`,
    });
    text = text.slice(0, deep.start) + text.slice(deep.start, deep.end).replace(/[^\n]/g, " ") + text.slice(deep.end);
  }
  if (/^\s*[[{]/.test(text) && file.toLowerCase().endsWith(".json")) {
    try {
      docs.push({ value: JSON.parse(text), line: 1, index: 1 });
    } catch (err) {
      into.problems.push({ where: file, message: `malformed JSON: ${(err as Error).message}` });
      return;
    }
  } else {
    const lineOf = lineCounter(text);
    const fast = fastDocuments(text);
    if (!fast) readSlowly();
    else for (const [i, d] of fast.entries()) docs.push({ value: d.value, line: lineOf(d.start), index: i + 1 });
  }
  function readSlowly(): void {
    const lineOf = lineCounter(text);
    let parsed: ReturnType<typeof parseAllDocuments>;
    try {
      parsed = parseAllDocuments(text);
    } catch (err) {
      // The parser recurses: a hostile nesting overflows it before any document exists.
      const why = err instanceof RangeError ? "nesting too deep to parse" : `unparsable: ${String(err)}`;
      into.problems.push({ where: file, message: `malformed YAML: ${why}` });
      return;
    }
    (Array.isArray(parsed) ? parsed : [parsed]).forEach((doc, i) => {
      const line = lineOf(doc.range?.[0] ?? 0);
      if (doc.errors.length) {
        const first = doc.errors[0]!;
        into.problems.push({
          where: `${file}: document ${i + 1} (line ${line})`,
          message: `malformed YAML: ${first.message.split("\n")[0]}`,
        });
        return;
      }
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: 100 });
      } catch (err) {
        into.problems.push({
          where: `${file}: document ${i + 1} (line ${line})`,
          message:
            err instanceof RangeError ? `nested deeper than ${MAX_DEPTH} levels` : `malformed YAML: ${String(err)}`,
        });
        return;
      }
      docs.push({ value, line, index: i + 1 });
    });
  }
  for (const d of docs) {
    if (nestedDeeperThan(d.value, MAX_DEPTH)) {
      into.problems.push({
        where: `${file}: document ${d.index} (line ${d.line})`,
        message: `nested deeper than ${MAX_DEPTH} levels: refused`,
      });
      continue;
    }
    for (const item of flatten(d.value)) {
      const bad = wrongField(item);
      if (bad) {
        // Refused as the API server would refuse it: never analysed as if the field were absent.
        const it = item as { kind: string; metadata?: { name?: unknown } };
        const name = typeof it.metadata?.name === "string" ? ` ${it.metadata.name}` : "";
        into.problems.push({
          where: `${file}: document ${d.index} (line ${d.line})`,
          message: `${it.kind}${name}: field ${bad.field}: expected ${bad.expected}, got ${bad.got} (object left out)`,
        });
        continue;
      }
      try {
        const obj = project(item, undefined, { defaultNamespace: effectiveNamespace(undefined, options.namespace) });
        if (!obj) continue; // a kind kubeward does not read: ignored, not fatal
        into.objects.push(obj);
        // Kept for analysis; reported, and never put into a command (patch/plan.ts checks names).
        for (const message of objectProblems(obj))
          into.problems.push({ where: `${file}: document ${d.index} (line ${d.line})`, message });
        into.origins.set(refKey({ kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name }), {
          file,
          line: d.line,
        });
      } catch (err) {
        const msg = err instanceof ProjectionError ? err.message : `unreadable object: ${String(err)}`;
        into.problems.push({
          where: `${file}: document ${d.index} (line ${d.line})`,
          message: msg,
        });
      }
    }
  }
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MiB`;
}

/**
 * Reads a manifest file, refusing before reading anything what is not a regular file
 * (a FIFO would block forever, /dev/zero never ends) or is over `maxBytes`. Opened
 * non-blocking, so opening a FIFO with no writer does not hang; the checks are on the
 * open descriptor, so the file cannot be swapped between check and read.
 */
export function readManifest(file: string, maxBytes: number): { text: string } | { problem: string } {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return { problem: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      const what = st.isFIFO()
        ? "a FIFO"
        : st.isCharacterDevice() || st.isBlockDevice()
          ? "a device"
          : st.isSocket()
            ? "a socket"
            : "not a regular file";
      return { problem: `refused: ${what}, not a regular file (--file reads regular files and directories)` };
    }
    if (st.size > maxBytes)
      return { problem: `refused: ${mib(st.size)}, over the ${mib(maxBytes)} limit (--max-file-size changes it)` };
    const buf = Buffer.allocUnsafe(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, buf, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    return { text: buf.toString("utf8", 0, off) };
  } catch (err) {
    return { problem: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  } finally {
    closeSync(fd);
  }
}

export function loadFiles(paths: readonly string[], options: LoadOptions = {}): LoadedFiles {
  const loaded: LoadedFiles = { objects: [], problems: [], origins: new Map() };
  const max = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  for (const p of paths) {
    for (const file of listFiles(p, loaded.problems)) {
      const read = readManifest(file, max);
      if ("problem" in read) {
        loaded.problems.push({ where: file, message: read.problem });
        continue;
      }
      parseManifestText(read.text, file, loaded, options);
    }
  }
  return loaded;
}

export class FileSource implements Source {
  readonly info: SourceInfo;
  readonly kinds = KINDS.map((k) => k.kind);
  private loaded: LoadedFiles | undefined;

  constructor(
    private readonly paths: readonly string[],
    private readonly options: LoadOptions = {},
  ) {
    this.info = { kind: "files", context: paths.join(", ") };
  }

  origins(): Map<string, { file: string; line?: number }> {
    return this.loaded?.origins ?? new Map();
  }

  async start(emit: (events: SourceEvent[]) => void): Promise<void> {
    this.loaded = loadFiles(this.paths, this.options);
    const events: SourceEvent[] = this.loaded.objects.map((object) => ({ type: "added", object }));
    for (const kind of this.kinds) {
      events.push({ type: "status", kind, state: "connected" }, { type: "synced", kind });
    }
    emit(events);
  }

  stop(): void {}

  problems(): SourceProblem[] {
    return this.loaded?.problems ?? [];
  }
}

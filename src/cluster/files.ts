// The file source: kubectl dumps, List kinds, multi-document YAML, JSON and
// directories of manifests. A broken document is reported by file and document
// number; every other document still loads (DESIGN §6.4).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { isRecord } from "../util/record.js";
import { objectProblems } from "./names.js";
import { effectiveNamespace } from "./namespace.js";
import { KINDS, type KObject, refKey } from "./objects.js";
import { ProjectionError, project } from "./project.js";
import type { Source, SourceEvent, SourceInfo, SourceProblem } from "./source.js";

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

/** Flattens `List` kinds (kubectl get -o yaml) into their items. */
function flatten(doc: unknown): unknown[] {
  if (isRecord(doc) && Array.isArray(doc.items) && typeof doc.kind === "string" && doc.kind.endsWith("List")) {
    return doc.items.flatMap(flatten);
  }
  return doc === null || doc === undefined ? [] : [doc];
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export interface LoadOptions {
  /** Where namespaced objects without metadata.namespace go (`--namespace`; default "default"). */
  namespace?: string;
}

export function parseManifestText(text: string, file: string, into: LoadedFiles, options: LoadOptions = {}): void {
  const docs: { value: unknown; line: number; index: number }[] = [];
  if (/^\s*[[{]/.test(text) && file.toLowerCase().endsWith(".json")) {
    try {
      docs.push({ value: JSON.parse(text), line: 1, index: 1 });
    } catch (err) {
      into.problems.push({ where: file, message: `malformed JSON: ${(err as Error).message}` });
      return;
    }
  } else {
    parseAllDocuments(text).forEach((doc, i) => {
      const line = lineOf(text, doc.range?.[0] ?? 0);
      if (doc.errors.length) {
        const first = doc.errors[0]!;
        into.problems.push({
          where: `${file}: document ${i + 1} (line ${line})`,
          message: `malformed YAML: ${first.message.split("\n")[0]}`,
        });
        return;
      }
      docs.push({ value: doc.toJS({ maxAliasCount: 100 }), line, index: i + 1 });
    });
  }
  for (const d of docs) {
    for (const item of flatten(d.value)) {
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

export function loadFiles(paths: readonly string[], options: LoadOptions = {}): LoadedFiles {
  const loaded: LoadedFiles = { objects: [], problems: [], origins: new Map() };
  for (const p of paths) {
    for (const file of listFiles(p, loaded.problems)) {
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch (err) {
        loaded.problems.push({
          where: file,
          message: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
        });
        continue;
      }
      parseManifestText(text, file, loaded, options);
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

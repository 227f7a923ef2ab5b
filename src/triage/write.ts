// `x` in the UI: append exceptions to the config file with the yaml Document API, so
// the file's comments, order and formatting stay as the team wrote them. The file (and
// its directory) is created when absent. Nothing is written to the cluster.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { isMap, isSeq, parseDocument, type YAMLMap, YAMLSeq } from "yaml";

export interface NewException {
  check: string;
  namespace?: string;
  kind?: string;
  name?: string;
  container?: string;
  reason: string;
  expires?: string;
  by?: string;
}

/** Appends `entries` to the `exceptions:` list of `file`; returns the file's new text. */
export function appendExceptions(file: string, entries: readonly NewException[]): string {
  const text = existsSync(file) ? readFileSync(file, "utf8") : "";
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(`${file} is not valid YAML: ${doc.errors[0]!.message.split("\n")[0]}`);
  if (doc.contents === null || doc.contents === undefined) doc.contents = doc.createNode({}) as never;
  if (!isMap(doc.contents)) throw new Error(`${file}: expected a mapping at the top`);
  const top = doc.contents as unknown as YAMLMap;
  let list: unknown = top.get("exceptions", true);
  if (list === undefined || list === null || (isScalarNull(list) && !isSeq(list))) {
    list = new YAMLSeq();
    top.set("exceptions", list);
  }
  if (!isSeq(list)) throw new Error(`${file}: exceptions must be a list`);
  // `exceptions: []` (or a flow list) becomes a block list: entries of eight fields read best one per line.
  list.flow = false;
  for (const e of entries) {
    const entry: Record<string, string> = { check: e.check };
    for (const k of ["namespace", "kind", "name", "container", "reason", "expires", "by"] as const)
      if (e[k] !== undefined && e[k] !== "") entry[k] = e[k]!;
    list.items.push(doc.createNode(entry));
  }
  // No padding inside flow collections: `[quay.io]` stays as most people write it.
  const out = doc.toString({ flowCollectionPadding: false });
  mkdirSync(dirname(file), { recursive: true });
  // Written beside and renamed: a crash mid-write never leaves half a config file.
  const tmp = `${file}.kubeward-tmp`;
  writeFileSync(tmp, out);
  renameSync(tmp, file);
  return out;
}

function isScalarNull(node: unknown): boolean {
  return typeof node === "object" && node !== null && "value" in node && (node as { value: unknown }).value === null;
}

// The exceptions list of the config file (DESIGN §5): parsed from the YAML document
// with each entry's line, so an acceptance says where it came from and a bad entry is
// reported where it is. Bad entries are reported and skipped; the rest load.
import { type Document, isMap, isSeq, type LineCounter, type Node } from "yaml";
import { compileGlob, type Glob } from "./glob.js";

/** Why a finding is accepted, and where that was said. */
export interface Acceptance {
  reason: string;
  /** YYYY-MM-DD: accepted through that day (UTC). */
  expires?: string;
  by?: string;
  /** config:<file>:<line>, annotation:<object> <key>, kubeaudit:<object> <label>, polaris:<object> <annotation>. */
  source: string;
}

export interface ConfigException {
  check: Glob;
  namespace?: Glob;
  kind?: string;
  name?: Glob;
  container?: Glob;
  acceptance: Acceptance;
}

export interface ConfigProblem {
  file: string;
  line: number;
  message: string;
}

const FIELDS = new Set(["check", "namespace", "kind", "name", "container", "reason", "expires", "by"]);

/** A real calendar date written YYYY-MM-DD, or undefined. */
export function validDate(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text ? text : undefined;
}

/** The UTC day of `now`, as YYYY-MM-DD (exceptions expire after their day has passed). */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function isExpired(a: Acceptance, day: string): boolean {
  return a.expires !== undefined && a.expires < day;
}

const lineOf = (node: Node | null | undefined, lc: LineCounter): number =>
  node?.range ? lc.linePos(node.range[0]).line : 1;

/**
 * The `exceptions:` list of a parsed config document. `knownChecks` are the catalog's
 * ids: an id (or glob) naming none of them is a bad entry, as is a missing reason, a
 * date that is not YYYY-MM-DD, or a malformed glob.
 */
export function parseExceptions(
  doc: Document,
  lc: LineCounter,
  file: string,
  knownChecks: ReadonlySet<string>,
): { exceptions: ConfigException[]; problems: ConfigProblem[] } {
  const exceptions: ConfigException[] = [];
  const problems: ConfigProblem[] = [];
  if (!isMap(doc.contents)) return { exceptions, problems };
  const list = doc.contents.get("exceptions", true) as Node | undefined;
  if (list === undefined || list === null || (list as { value?: unknown }).value === null)
    return { exceptions, problems };
  if (!isSeq(list)) {
    problems.push({ file, line: lineOf(list, lc), message: "exceptions must be a list" });
    return { exceptions, problems };
  }
  list.items.forEach((item, i) => {
    const line = lineOf(item as Node, lc);
    const bad = (message: string, at = line): void => {
      problems.push({ file, line: at, message: `exceptions[${i}]: ${message}` });
    };
    if (!isMap(item)) {
      bad("expected a mapping with check and reason");
      return;
    }
    const fields: Record<string, { text: string; line: number }> = {};
    let broken = false;
    for (const pair of item.items) {
      const key = String((pair.key as { value?: unknown })?.value ?? pair.key);
      const valueNode = pair.value as Node | null;
      const at = lineOf((pair.key as Node) ?? item, lc);
      if (!FIELDS.has(key)) {
        bad(`unknown field "${key}" (fields: ${[...FIELDS].join(", ")})`, at);
        broken = true;
        continue;
      }
      const value = (valueNode as { value?: unknown } | null)?.value;
      if (value === null || value === undefined || typeof value === "object") {
        if (key !== "reason") bad(`${key} must be a single value`, at);
        if (key !== "reason") broken = true;
        continue;
      }
      fields[key] = { text: String(value).trim(), line: at };
    }
    const check = fields.check?.text;
    if (!check) {
      bad("no check (a check id such as pod.privileged, or a glob such as pod.*)");
      return;
    }
    const reason = fields.reason?.text;
    if (!reason) {
      bad(`no reason for ${check} (every exception says why it is accepted)`);
      return;
    }
    if (broken) return;
    const checkGlob = compileGlob(check);
    if ("error" in checkGlob) {
      bad(`bad glob in check "${check}": ${checkGlob.error}`, fields.check!.line);
      return;
    }
    if (![...knownChecks].some((id) => checkGlob(id))) {
      bad(`unknown check id "${check}" (see docs/checks.md)`, fields.check!.line);
      return;
    }
    const globs: Partial<Record<"namespace" | "name" | "container", Glob>> = {};
    for (const key of ["namespace", "name", "container"] as const) {
      const f = fields[key];
      if (!f) continue;
      const g = compileGlob(f.text);
      if ("error" in g) {
        bad(`bad glob in ${key} "${f.text}": ${g.error}`, f.line);
        return;
      }
      globs[key] = g;
    }
    let expires: string | undefined;
    if (fields.expires) {
      expires = validDate(fields.expires.text);
      if (!expires) {
        bad(`bad date "${fields.expires.text}" in expires (YYYY-MM-DD)`, fields.expires.line);
        return;
      }
    }
    const acceptance: Acceptance = { reason, source: `config:${file}:${line}` };
    if (expires) acceptance.expires = expires;
    if (fields.by?.text) acceptance.by = fields.by.text;
    exceptions.push({
      check: checkGlob,
      ...globs,
      ...(fields.kind?.text ? { kind: fields.kind.text } : {}),
      acceptance,
    });
  });
  return { exceptions, problems };
}

// Command-line flags of a control-plane container, as its mirror pod shows them.
// Kubernetes components parse flags with spf13/pflag (`--flag=value`, `--flag value`,
// a bare boolean `--flag`); etcd with Go's flag package, which also accepts one dash.
// A repeated flag: scalars keep the last value, list flags (StringSlice) append.
// Never throws: the pod comes from the cluster.
import type { KObject } from "../../cluster/objects.js";

/** Where one occurrence sits in the pod, as a field path (for evidence and the drill-down). */
export interface FlagOccurrence {
  value: string;
  path: string;
  /** The token(s) exactly as written, e.g. "--anonymous-auth=true" or "--profiling true". */
  written: string;
}

export interface ParsedFlags {
  /** Occurrences by flag name (without dashes), in command-line order. */
  readonly byName: ReadonlyMap<string, readonly FlagOccurrence[]>;
  /** The container's path, e.g. spec.containers[0] (for "flag not set" evidence). */
  readonly containerPath: string;
  /** Environment variables with literal values (etcd reads ETCD_<FLAG> too). */
  readonly env: ReadonlyMap<string, string>;
}

const isFlag = (t: string): boolean => /^--?[A-Za-z]/.test(t);

/** Tokens of a `sh -c "kube-apiserver --a=b …"` command, split on blanks (quotes are not interpreted). */
function shellTokens(tokens: readonly string[]): string[] | undefined {
  const c = tokens.indexOf("-c");
  if (c < 0 || c + 1 >= tokens.length || !/(^|\/)(ba|da)?sh$/.test(tokens[0] ?? "")) return undefined;
  return tokens[c + 1]!.split(/\s+/).filter(Boolean);
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** Parses the flags of one container (command then args, as the runtime joins them). */
export function parseContainerFlags(container: unknown, containerPath: string): ParsedFlags {
  const byName = new Map<string, FlagOccurrence[]>();
  const env = new Map<string, string>();
  const c = (typeof container === "object" && container !== null ? container : {}) as Record<string, unknown>;
  for (const e of Array.isArray(c.env) ? c.env : []) {
    if (e && typeof e === "object" && typeof e.name === "string" && typeof e.value === "string")
      env.set(e.name, e.value);
  }
  const sources: { field: "command" | "args"; tokens: string[] }[] = [
    { field: "command", tokens: strings(c.command) },
    { field: "args", tokens: strings(c.args) },
  ];
  for (const { field, tokens: raw } of sources) {
    const shell = shellTokens(raw);
    const tokens = shell ?? raw;
    const pathOf = (i: number) =>
      shell ? `${containerPath}.${field}[${raw.length - 1}]` : `${containerPath}.${field}[${i}]`;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (!isFlag(t) || t === "--") continue;
      const body = t.replace(/^--?/, "");
      const eq = body.indexOf("=");
      let name: string;
      let value: string;
      let written = t;
      const at = i;
      if (eq >= 0) {
        name = body.slice(0, eq);
        value = body.slice(eq + 1);
      } else {
        name = body;
        const next = tokens[i + 1];
        // Control-plane binaries take no positional arguments: a following non-flag token is the value.
        if (next !== undefined && !isFlag(next)) {
          value = next;
          written = `${t} ${next}`;
          i++;
        } else value = "true";
      }
      if (!name) continue;
      let list = byName.get(name);
      if (!list) byName.set(name, (list = []));
      list.push({ value: unquote(value), path: pathOf(at), written });
    }
  }
  return { byName, containerPath, env };
}

/** `--client-cert-auth="true"` in a manifest arrives with its quotes. */
function unquote(v: string): string {
  return v.length >= 2 && ((v[0] === '"' && v.endsWith('"')) || (v[0] === "'" && v.endsWith("'"))) ? v.slice(1, -1) : v;
}

/** The effective value of a scalar flag: the last occurrence wins (pflag). */
export function lastValue(flags: ParsedFlags, name: string): FlagOccurrence | undefined {
  const list = flags.byName.get(name);
  return list?.[list.length - 1];
}

/** A list flag's values, every occurrence appended (pflag StringSlice), split on commas. */
export function listValues(flags: ParsedFlags, name: string): string[] {
  const out: string[] = [];
  for (const o of flags.byName.get(name) ?? []) for (const v of o.value.split(",")) if (v.trim()) out.push(v.trim());
  return out;
}

/** pflag's boolean parsing (strconv.ParseBool). Undefined when it is not a boolean. */
export function parseBool(v: string): boolean | undefined {
  if (["1", "t", "T", "true", "TRUE", "True"].includes(v)) return true;
  if (["0", "f", "F", "false", "FALSE", "False"].includes(v)) return false;
  return undefined;
}

/** The container of a control-plane pod that runs `component` (by name, else the first). */
export function componentContainer(pod: KObject, component: string): { container: unknown; path: string } {
  const containers: unknown[] = Array.isArray(pod.spec?.containers) ? pod.spec.containers : [];
  let index = containers.findIndex(
    (c) => typeof c === "object" && c !== null && (c as { name?: unknown }).name === component,
  );
  if (index < 0) index = 0;
  return { container: containers[index], path: `spec.containers[${index}]` };
}

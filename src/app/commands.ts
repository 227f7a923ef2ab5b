// `:` command mode: parsing and Tab completion (k9s habits, DESIGN §5).
import type { Panel } from "../analysis/finding.js";
import type { AccessQuery, ReachQuery } from "../analysis/models.js";
import { parsePort } from "../commands/reach.js";

export type Command =
  | { type: "ns"; namespace: string | undefined }
  | { type: "ctx"; name: string }
  | { type: "can"; query: AccessQuery; text: string }
  | { type: "reach"; target: string; port?: ReachQuery["port"]; text: string }
  | { type: "panel"; panel: Panel }
  | { type: "help" }
  | { type: "quit" }
  | { type: "error"; message: string };

const PANEL_COMMANDS: Record<string, Panel> = {
  pod: "pods",
  pods: "pods",
  rbac: "rbac",
  net: "network",
  network: "network",
  sec: "secrets",
  secrets: "secrets",
  img: "images",
  images: "images",
  cluster: "cluster",
};

/** Commands offered by completion, in the order help lists them. */
export const COMMANDS = [
  "ns",
  "ctx",
  "can",
  "reach",
  "pod",
  "rbac",
  "net",
  "sec",
  "img",
  "cluster",
  "help",
  "q",
] as const;

export function parseCommand(text: string): Command {
  const [name = "", ...args] = text.trim().split(/\s+/).filter(Boolean);
  if (name === "") return { type: "error", message: "type a command, e.g. :ns payments (Tab completes)" };
  if (PANEL_COMMANDS[name]) return { type: "panel", panel: PANEL_COMMANDS[name] };
  switch (name) {
    case "q":
    case "q!":
    case "quit":
      return { type: "quit" };
    case "help":
    case "?":
      return { type: "help" };
    case "ns":
    case "namespace":
      return { type: "ns", namespace: !args[0] || args[0] === "all" || args[0] === "-A" ? undefined : args[0] };
    case "ctx":
    case "context":
      return args[0] ? { type: "ctx", name: args[0] } : { type: "error", message: "usage: :ctx <context-name>" };
    case "can":
    case "who-can":
      return parseCan(args);
    case "reach":
      return parseReachCommand(args);
    default:
      return { type: "error", message: `unknown command :${name} (? lists them)` };
  }
}

/** `:reach NS/NAME [PORT[/PROTO]]`: both directions of one workload. */
function parseReachCommand(args: string[]): Command {
  const usage = "usage: :reach NS/NAME [PORT[/PROTO]], e.g. :reach shop/db 5432";
  const [target, portText, ...extra] = args;
  if (!target || extra.length || !target.includes("/")) return { type: "error", message: usage };
  if (portText === undefined) return { type: "reach", target, text: target };
  const port = parsePort(portText);
  if (!port) return { type: "error", message: `bad port ${portText}: ${usage}` };
  return { type: "reach", target, port, text: `${target} ${portText}` };
}

function parseCan(args: string[]): Command {
  const rest: string[] = [];
  let namespace: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-n" || a === "--namespace") namespace = args[++i];
    else if (a.startsWith("--namespace=")) namespace = a.slice("--namespace=".length);
    else if (a === "-A" || a === "--all-namespaces") namespace = undefined;
    else rest.push(a);
  }
  const [verb, resourceArg, name] = rest;
  if (!verb || !resourceArg) return { type: "error", message: "usage: :can <verb> <resource>[/sub] [name] [-n ns]" };
  const [resource = "", subresource] = resourceArg.split("/");
  const query: AccessQuery = { verb, resource };
  if (subresource) query.subresource = subresource;
  if (namespace) query.namespace = namespace;
  if (name) query.name = name;
  return {
    type: "can",
    query,
    text: `${verb} ${resourceArg}${name ? ` ${name}` : ""}${namespace ? ` -n ${namespace}` : ""}`,
  };
}

const CAN_VERBS = [
  "get",
  "list",
  "watch",
  "create",
  "update",
  "patch",
  "delete",
  "escalate",
  "bind",
  "impersonate",
  "*",
];
const CAN_RESOURCES = [
  "secrets",
  "pods",
  "pods/exec",
  "pods/attach",
  "deployments",
  "daemonsets",
  "serviceaccounts/token",
  "roles",
  "rolebindings",
  "clusterroles",
  "clusterrolebindings",
  "nodes/proxy",
  "configmaps",
  "namespaces",
  "persistentvolumes",
  "certificatesigningrequests",
  "*",
];

function commonPrefix(words: string[]): string {
  if (!words.length) return "";
  let p = words[0]!;
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

export interface CompletionSources {
  namespaces: readonly string[];
  contexts: readonly string[];
}

/**
 * Completes the last word of a command line. Returns the new line and the
 * candidates (for display) when the word is ambiguous.
 */
export function complete(line: string, sources: CompletionSources): { line: string; candidates: string[] } {
  const words = line.split(" ");
  const last = words[words.length - 1] ?? "";
  const head = words.slice(0, -1);
  let pool: readonly string[];
  if (head.length === 0) pool = [...COMMANDS, "who-can"];
  else {
    const cmd = head[0];
    const prev = head[head.length - 1];
    if (cmd === "ns") pool = head.length === 1 ? ["all", ...sources.namespaces] : [];
    else if (cmd === "reach") pool = head.length === 1 ? sources.namespaces.map((n) => `${n}/`) : [];
    else if (cmd === "ctx") pool = head.length === 1 ? sources.contexts : [];
    else if (cmd === "can" || cmd === "who-can") {
      if (prev === "-n") pool = sources.namespaces;
      else if (head.length === 1) pool = CAN_VERBS;
      else if (head.length === 2) pool = CAN_RESOURCES;
      else pool = ["-n"];
    } else pool = [];
  }
  const matches = pool.filter((w) => w.startsWith(last));
  if (matches.length === 0) return { line, candidates: [] };
  // "shop/" goes on with a name: no space after it.
  if (matches.length === 1)
    return { line: `${[...head, matches[0]].join(" ")}${matches[0]!.endsWith("/") ? "" : " "}`, candidates: [] };
  return { line: [...head, commonPrefix(matches)].join(" "), candidates: matches };
}

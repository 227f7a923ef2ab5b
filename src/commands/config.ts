// The config file: YAML settings for analysis options that do not fit on a command
// line (trustedRegistries for image.untrusted-registry) and the team's accepted risks
// (`exceptions:`, DESIGN §5). Found at --config FILE, else ./.kubeward.yaml, else
// $XDG_CONFIG_HOME/kubeward/config.yaml (~/.config when XDG_CONFIG_HOME is unset).
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { checkMetas } from "../analysis/registry.js";
import { type ConfigException, type ConfigProblem, parseExceptions } from "../triage/exceptions.js";
import { UsageError } from "./select-source.js";

export interface FileConfig {
  trustedRegistries: string[];
  exceptions: ConfigException[];
  /** Bad exception entries, by file and line (they are skipped; the rest load). */
  problems: ConfigProblem[];
}

export const EMPTY_CONFIG: FileConfig = { trustedRegistries: [], exceptions: [], problems: [] };

/**
 * Where the config is read from and where `x` appends: --config, else an existing
 * ./.kubeward.yaml, else an existing XDG file; when neither exists, ./.kubeward.yaml
 * (`exists` false: there is nothing to read, `x` creates it).
 */
export function resolveConfigPath(
  flag: string | undefined,
  cwd: string = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): { path: string; exists: boolean; explicit: boolean } {
  if (flag) return { path: flag, exists: existsSync(flag), explicit: true };
  const local = resolve(cwd, ".kubeward.yaml");
  if (existsSync(local)) return { path: local, exists: true, explicit: false };
  const xdg = join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config"), "kubeward", "config.yaml");
  if (existsSync(xdg)) return { path: xdg, exists: true, explicit: false };
  return { path: local, exists: false, explicit: false };
}

export function loadConfig(path: string): FileConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read --config ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return parseConfig(path, text);
}

export function parseConfig(path: string, text: string): FileConfig {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  if (doc.errors.length)
    throw new UsageError(`--config ${path} is not valid YAML: ${doc.errors[0]!.message.split("\n")[0]}`);
  const js: unknown = doc.toJS();
  if (js === null || js === undefined) return { ...EMPTY_CONFIG };
  if (typeof js !== "object" || Array.isArray(js)) throw new UsageError(`--config ${path}: expected a mapping`);
  const regs = (js as Record<string, unknown>).trustedRegistries;
  if (regs !== undefined && regs !== null && (!Array.isArray(regs) || regs.some((r) => typeof r !== "string")))
    throw new UsageError(`--config ${path}: trustedRegistries must be a list of registry names`);
  const trustedRegistries = ((regs as string[] | null | undefined) ?? []).map((r) => r.trim()).filter(Boolean);
  const known = new Set(checkMetas().map((m) => m.id));
  const { exceptions, problems } = parseExceptions(doc, lc, path, known);
  return { trustedRegistries, exceptions, problems };
}

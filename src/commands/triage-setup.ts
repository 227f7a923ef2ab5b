// Wires the team's triage state into a session: the config file's exceptions (found by
// resolveConfigPath), its bad entries reported by file and line, and --baseline.
import { DEMO_CONFIG_NAME, DEMO_CONFIG_YAML } from "../cluster/demo/accepted.js";
import { BaselineError, loadBaseline } from "../triage/baseline.js";
import type { ConfigProblem } from "../triage/exceptions.js";
import { EMPTY_CONFIG, type FileConfig, loadConfig, parseConfig, resolveConfigPath } from "./config.js";
import { UsageError } from "./select-source.js";
import type { Session } from "./session.js";

export interface TriageFlags {
  config?: string | undefined;
  baseline?: string | undefined;
}

/**
 * The config at --config, ./.kubeward.yaml or the XDG file (empty when none exists), and
 * its path. A missing --config file is an error unless `mayBeAbsent` (the UI creates it on `x`).
 */
export function readConfig(flag: string | undefined, mayBeAbsent = false): { config: FileConfig; path: string } {
  const where = resolveConfigPath(flag);
  const read = where.exists || (where.explicit && !mayBeAbsent);
  return { config: read ? loadConfig(where.path) : { ...EMPTY_CONFIG }, path: where.path };
}

export function problemLine(p: ConfigProblem): string {
  return `${p.file}:${p.line}: ${p.message}`;
}

/** Loads exceptions into the session's triage and the baseline; returns the config's problems. */
export function applyTriage(session: Session, config: FileConfig, flags: TriageFlags): ConfigProblem[] {
  // The demo brings its own config (kube-system accepted); the user's entries come first.
  const demo = session.source.info.kind === "demo" ? parseConfig(DEMO_CONFIG_NAME, DEMO_CONFIG_YAML).exceptions : [];
  session.triage.setBuiltInExceptions(demo);
  session.triage.setExceptions(config.exceptions);
  if (flags.baseline) {
    try {
      session.baseline = loadBaseline(flags.baseline);
    } catch (err) {
      if (err instanceof BaselineError) throw new UsageError(err.message);
      throw err;
    }
  }
  return config.problems;
}

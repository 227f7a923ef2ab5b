// The UI's `x`: accept findings as risks the team has judged. The entries go to the
// config file (appendExceptions keeps its comments and order; the file is created when
// absent), the file is read back so the new entries carry their lines, and the
// session's triage takes them at once: the findings leave the panels on the next frame.
import { userInfo } from "node:os";
import type { Finding } from "../analysis/finding.js";
import { loadConfig } from "../commands/config.js";
import type { Session } from "../commands/session.js";
import { type ConfigProblem, today, validDate } from "../triage/exceptions.js";
import { appendExceptions, type NewException } from "../triage/write.js";
import { printable } from "../util/sanitize.js";

export interface AcceptInput {
  reason: string;
  /** YYYY-MM-DD, or empty for no expiry. */
  expires: string;
  by?: string;
}

/** Who accepts, by default: the login name (printable characters only; empty when unknown). */
export function defaultAccepter(): string {
  let name: string;
  try {
    name = userInfo().username;
  } catch {
    name = process.env.USER ?? "";
  }
  return printable(name).trim();
}

/** The prompt's answers cannot be written as they are (the user fixes them). */
export class AcceptInputError extends Error {}

/** Why the prompt's answers cannot be written, or undefined when they can. */
export function acceptInputError(input: AcceptInput, now: Date = new Date()): string | undefined {
  if (!input.reason.trim()) return "a reason is required";
  const e = input.expires.trim();
  if (!e) return undefined;
  if (!validDate(e)) return `"${e}" is not a date (YYYY-MM-DD)`;
  if (e < today(now)) return `${e} has passed: it would never accept`;
  return undefined;
}

/** One exception per finding: its check, object and container. */
export function exceptionFor(f: Finding, input: AcceptInput): NewException {
  const e: NewException = { check: f.check, kind: f.resource.kind, name: f.resource.name, reason: input.reason.trim() };
  if (f.resource.namespace) e.namespace = f.resource.namespace;
  if (f.container) e.container = f.container;
  if (input.expires.trim()) e.expires = input.expires.trim();
  if (input.by?.trim()) e.by = input.by.trim();
  return e;
}

export interface AcceptResult {
  file: string;
  written: number;
  /** Bad entries of the file as read back (entries written by hand). */
  problems: ConfigProblem[];
}

export function acceptFindings(
  session: Session,
  configPath: string,
  findings: readonly Finding[],
  input: AcceptInput,
): AcceptResult {
  const error = acceptInputError(input);
  if (error) throw new AcceptInputError(error);
  // One entry per distinct check/object/container (marked findings may repeat one).
  const entries = new Map<string, NewException>();
  for (const f of findings) {
    const e = exceptionFor(f, input);
    entries.set(JSON.stringify([e.check, e.kind, e.namespace, e.name, e.container]), e);
  }
  appendExceptions(configPath, [...entries.values()]);
  const config = loadConfig(configPath);
  session.triage.setExceptions(config.exceptions);
  return { file: configPath, written: entries.size, problems: config.problems };
}

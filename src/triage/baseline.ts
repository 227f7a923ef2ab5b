// A baseline is an earlier `scan --output json` report (DESIGN §5): a finding whose
// id it holds is "unchanged", any other is "new", and the baseline's findings that
// are gone are "resolved". Finding ids are hashes of check, object, container and
// path, so they agree across runs, machines and input order.
import { readFileSync } from "node:fs";

export type BaselineState = "new" | "unchanged";

/** A finding as the baseline report printed it (only `id` is relied on). */
export interface BaselineFinding {
  id: string;
  check?: string;
  [field: string]: unknown;
}

export class Baseline {
  private readonly byId: ReadonlyMap<string, BaselineFinding>;

  constructor(
    readonly file: string,
    findings: readonly BaselineFinding[],
  ) {
    this.byId = new Map(findings.map((f) => [f.id, f]));
  }

  get size(): number {
    return this.byId.size;
  }

  stateOf(id: string): BaselineState {
    return this.byId.has(id) ? "unchanged" : "new";
  }

  /** The baseline's findings whose ids are not among `current` ids, in the baseline's order. */
  resolved(current: Iterable<{ id: string }>): BaselineFinding[] {
    const now = new Set<string>();
    for (const f of current) now.add(f.id);
    return [...this.byId.values()].filter((f) => !now.has(f.id));
  }
}

export class BaselineError extends Error {}

/** Reads an earlier JSON report; a clear one-line error when it is not one. */
export function loadBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new BaselineError(`cannot read --baseline ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return parseBaseline(file, text);
}

export function parseBaseline(file: string, text: string): Baseline {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new BaselineError(`--baseline ${file} is not JSON: ${(err as Error).message.split("\n")[0]}`);
  }
  const findings = (doc as { findings?: unknown } | null)?.findings;
  if (!Array.isArray(findings))
    throw new BaselineError(`--baseline ${file}: not a kubeward JSON report (no findings list)`);
  const ok = findings.filter(
    (f): f is BaselineFinding => typeof f === "object" && f !== null && typeof (f as { id?: unknown }).id === "string",
  );
  if (ok.length !== findings.length)
    throw new BaselineError(`--baseline ${file}: ${findings.length - ok.length} finding(s) without an id`);
  return new Baseline(file, ok);
}

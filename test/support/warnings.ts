// Records process.emitWarning calls instead of printing them, for the setup file
// that fails a test on any warning (test/support/fail-on-warning.ts).
const seen: string[] = [];
let expecting = 0;

function describeWarning(warning: string | Error, rest: unknown[]): string {
  const text = typeof warning === "string" ? warning : `${warning.name}: ${warning.message}`;
  const type = typeof rest[0] === "string" ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
  return type ? `${type}: ${text}` : text;
}

const original = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const text = describeWarning(warning, rest);
  if (expecting > 0) seen.push(`(expected) ${text}`);
  else seen.push(text);
  if (expecting === 0) (original as (w: string | Error, ...r: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

/** Warnings recorded since the last call (the expected ones left out). */
export function takeWarnings(): string[] {
  const out = seen.filter((w) => !w.startsWith("(expected) "));
  seen.length = 0;
  return out;
}

/** Runs fn, returning the warnings it emitted instead of failing the test on them. */
export function expectWarnings<T>(fn: () => T): { result: T; warnings: string[] } {
  const start = seen.length;
  expecting++;
  try {
    const result = fn();
    return { result, warnings: seen.splice(start).map((w) => w.replace(/^\(expected\) /, "")) };
  } finally {
    expecting--;
  }
}

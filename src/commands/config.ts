// The optional --config file: YAML settings for analysis options that do not fit
// on a command line. Today: trustedRegistries (image.untrusted-registry).
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { UsageError } from "./select-source.js";

export interface FileConfig {
  trustedRegistries: string[];
}

export function loadConfig(path: string): FileConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read --config ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new UsageError(`--config ${path} is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  if (doc === null || doc === undefined) return { trustedRegistries: [] };
  if (typeof doc !== "object" || Array.isArray(doc)) throw new UsageError(`--config ${path}: expected a mapping`);
  const regs = (doc as Record<string, unknown>).trustedRegistries;
  if (regs === undefined || regs === null) return { trustedRegistries: [] };
  if (!Array.isArray(regs) || regs.some((r) => typeof r !== "string"))
    throw new UsageError(`--config ${path}: trustedRegistries must be a list of registry names`);
  return { trustedRegistries: regs.map((r: string) => r.trim()).filter(Boolean) };
}

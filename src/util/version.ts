import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

/** kubeward's version, from the package.json above this file (source or dist). */
export function kubewardVersion(): string {
  if (cached) return cached;
  // The single executable's bundle has no package.json: npm run dist fixes the version in.
  const bundled = (globalThis as { KUBEWARD_BUNDLED_VERSION?: string }).KUBEWARD_BUNDLED_VERSION;
  if (bundled) {
    cached = bundled;
    return cached;
  }
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const p = join(dir, "package.json");
    if (existsSync(p)) {
      const pkg = JSON.parse(readFileSync(p, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "kubeward" && pkg.version) {
        cached = pkg.version;
        return cached;
      }
    }
    dir = dirname(dir);
  }
  cached = "0.0.0";
  return cached;
}

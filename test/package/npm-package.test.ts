// The npm package as a user gets it: `npm pack` on this checkout, installed globally into an
// empty prefix, run through the installed bins with the pinned Node first on PATH.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/cli.js";

const work = mkdtempSync(join(tmpdir(), "kubeward-pkg-"));
const prefix = join(work, "prefix");
let tarball = "";
let files: string[] = [];
// The pinned Node (devDependency), so the bins' `env node` finds Node >= 22.
const nodeDir = dirname(join(ROOT, "node_modules/node/bin/node"));
const env = {
  PATH: [join(prefix, "bin"), nodeDir, "/usr/local/bin", "/usr/bin", "/bin"].join(":"),
  HOME: join(work, "home"),
  npm_config_cache: join(homedir(), ".npm"),
  KUBECONFIG: "",
};

function run(cmd: string, args: string[]) {
  return spawnSync(cmd, args, { cwd: work, env, encoding: "utf8", timeout: 600_000 });
}

beforeAll(() => {
  const out = execFileSync("npm", ["pack", "--json", "--pack-destination", work], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, info!.filename);
  files = info!.files.map((f) => f.path);
  // --prefer-offline: the dependencies are in npm's cache from `npm ci`; asking the registry
  // again for every package took over ten minutes on a slow day.
  const r = run("npm", ["install", "-g", "--prefix", prefix, "--no-fund", "--no-audit", "--prefer-offline", tarball]);
  if (r.status !== 0) throw new Error(`npm install -g failed: ${r.stderr}`);
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("npm package", () => {
  it("holds only what runs: the built CLI, no tests, no bench, no sources", () => {
    expect(files).toContain("bin/kubeward.js");
    expect(files).toContain("dist/src/cli.js");
    expect(files).toContain("LICENSE");
    expect(files.filter((f) => /\.test\.|^test\/|^dist\/test\/|bench|^src\/|\.ts$/.test(f))).toEqual([]);
  });

  it("installs kubeward and kubectl-ward, which print the demo report", () => {
    for (const bin of ["kubeward", "kubectl-ward"]) {
      const r = run(join(prefix, "bin", bin), ["scan", "--demo", "-o", "json"]);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.source.kind).toBe("demo");
      expect(report.findings.length).toBeGreaterThan(10);
    }
  });

  it("is found by kubectl as a plugin (kubectl ward)", () => {
    const cache = join(homedir(), ".cache/kubeward/control-plane");
    const kubectl = existsSync(cache)
      ? readdirSync(cache)
          .filter((d) => d.startsWith("k8s-"))
          .map((d) => join(cache, d, "kubectl"))
          .find((p) => existsSync(p))
      : undefined;
    if (!kubectl) return void console.warn("no kubectl built (test/cluster/build-control-plane.sh): skipped");
    const r = run(kubectl, ["ward", "who-can", "get", "secrets", "-n", "payments", "--demo", "-o", "json"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).answers.length).toBeGreaterThan(0);
  });

  it("runs with npx from the tarball", () => {
    const r = run("npx", [
      "--yes",
      "--prefer-offline",
      "--package",
      tarball,
      "kubeward",
      "scan",
      "--demo",
      "-o",
      "json",
    ]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).source.kind).toBe("demo");
  });
});

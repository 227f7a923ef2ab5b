// `npm run dist`: the single executable runs with no Node on PATH, gives the same report as
// the npm CLI, runs the TUI and who-can, applies the startup V8 flags, and the krew manifest
// names its archive with the right sha256. Built for this machine's platform only.

import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT, runCli } from "../support/cli.js";
import { TmuxSession } from "../support/tmux.js";

const arch = { x64: "amd64", arm64: "arm64" }[process.arch as string] ?? process.arch;
const name = `kubeward-${process.platform}-${arch}`;
const exe = join(ROOT, "dist-bin", name, "kubeward");
// The executable needs nothing on PATH: give it an empty directory (this machine has a Node 20 in /usr/bin).
const emptyPath = mkdtempSync(join(tmpdir(), "kubeward-empty-path-"));
const noNode = { PATH: emptyPath, HOME: "/nonexistent-kubeward-home" };

function runExe(args: string[]) {
  const r = spawnSync(exe, args, { env: noNode, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, "scripts/dist.mjs")], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
}, 900_000);

describe("single executable (npm run dist)", () => {
  it("has no node on its PATH to lean on", () => {
    expect(spawnSync("/bin/sh", ["-c", "command -v node"], { env: noNode }).status).not.toBe(0);
  });

  it("prints the same demo report as the npm CLI", () => {
    const fromExe = runExe(["scan", "--demo", "-o", "json"]);
    expect(fromExe.stderr).toBe("");
    expect(fromExe.code).toBe(0);
    const fromNpm = runCli(["scan", "--demo", "-o", "json"]);
    const ids = (out: string) => (JSON.parse(out) as { findings: { id: string }[] }).findings.map((f) => f.id);
    expect(ids(fromExe.stdout)).toEqual(ids(fromNpm.stdout));
    expect(ids(fromExe.stdout).length).toBeGreaterThan(10);
  });

  it("answers who-can, and knows its version and startup flags", () => {
    const r = runExe(["who-can", "get", "secrets", "-n", "payments", "--demo", "-o", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).answers.length).toBeGreaterThan(0);
    const runtime = JSON.parse(runExe(["__runtime"]).stdout);
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(runtime.kubeward).toBe(pkg.version);
    expect(runtime.execArgv).toEqual(["--max-semi-space-size=8", "--initial-old-space-size=128"]);
  });

  describe("TUI", () => {
    let tui: TmuxSession;
    afterAll(() => tui?.kill());
    it("draws the demo and quits on q", async () => {
      tui = new TmuxSession(`env -i PATH='${emptyPath}' TERM=xterm-256color HOME=/nonexistent '${exe}' --demo`, {
        width: 120,
        height: 40,
      });
      const screen = await tui.waitFor((s) => s.includes("kubeward-demo") && /critical/i.test(s), 60_000);
      expect(screen).toContain("pods");
      tui.keys("q");
      const deadline = Date.now() + 10_000;
      while (tui.alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(tui.alive()).toBe(false);
    });
  });

  it("has an archive with its sha256, named by the krew manifest", () => {
    const archive = join(ROOT, "dist-bin", `${name}.tar.gz`);
    const sha256 = createHash("sha256").update(readFileSync(archive)).digest("hex");
    expect(readFileSync(`${archive}.sha256`, "utf8")).toBe(`${sha256}  ${name}.tar.gz\n`);
    const listed = execFileSync("tar", ["-tzf", archive], { encoding: "utf8" }).split("\n").filter(Boolean).sort();
    expect(listed).toEqual(["LICENSE", "kubeward"]);

    const manifest = parse(readFileSync(join(ROOT, "plugins/ward.yaml"), "utf8"));
    expect(manifest.apiVersion).toBe("krew.googlecontainertools.github.com/v1alpha2");
    expect(manifest.kind).toBe("Plugin");
    expect(manifest.metadata.name).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    expect(manifest.spec.version).toMatch(/^v\d+\.\d+\.\d+/);
    expect(manifest.spec.shortDescription.length).toBeLessThanOrEqual(50);
    for (const field of ["homepage", "description", "platforms"]) expect(manifest.spec[field]).toBeTruthy();
    const platform = manifest.spec.platforms.find(
      (p: { selector: { matchLabels: Record<string, string> } }) =>
        p.selector.matchLabels.os === process.platform && p.selector.matchLabels.arch === arch,
    );
    expect(platform.uri).toMatch(new RegExp(`^https://.+/${name}\\.tar\\.gz$`));
    expect(platform.sha256).toBe(sha256);
    expect(listed).toContain(platform.bin);
    expect(platform.files.map((f: { from: string }) => f.from).sort()).toEqual(listed);
    expect(existsSync(exe)).toBe(true);
  });
});

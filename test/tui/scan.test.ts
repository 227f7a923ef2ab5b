import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, ROOT, runCli } from "../support/cli.js";

const BROKEN = join(ROOT, "test/fixtures/files/broken");

describe("kubeward scan (built CLI)", () => {
  it("prints the JSON report for the demo and exits 0 without --fail-on", () => {
    const r = runCli(["scan", "--demo", "--output", "json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.version).toBe(1);
    expect(report.source.kind).toBe("demo");
  });

  it("ends quietly when the reader closes the pipe early (scan | head)", () => {
    const r = spawnSync("sh", ["-c", `"${process.execPath}" "${BIN}" scan --demo --output json | head -c 10`], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, HOME: "/nonexistent-kubeward-home", KUBECONFIG: "" },
    });
    expect(r.stdout).toBe('{\n  "versi');
    expect(r.stderr).toBe("");
  });

  it("exits 1 when findings reach --fail-on", () => {
    expect(runCli(["scan", "--demo", "--fail-on", "critical", "-o", "json"]).code).toBe(1);
  });

  it("reports a broken document, analyses the rest and exits 2", () => {
    const r = runCli(["scan", "--file", BROKEN, "--output", "json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pods\.yaml: document 2 \(line \d+\): malformed YAML/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const report = JSON.parse(r.stdout);
    const flagged = report.findings
      .map((f: { resource: { kind: string; name: string } }) => `${f.resource.kind}/${f.resource.name}`)
      .sort();
    expect(flagged).toEqual(expect.arrayContaining(["Deployment/api", "Pod/priv"]));
    expect(r.stdout).not.toContain("S1VCRVdBUkQtQ0FOQVJZ");
  });

  it("writes one patch per target with --patches and prints the kubectl lines", () => {
    const dir = mkdtempSync(join(tmpdir(), "kubeward-patches-"));
    const r = runCli(["scan", "--demo", "--patches", dir]);
    expect(r.code).toBe(0);
    const files = readdirSync(dir);
    expect(files).toContain("daemonset_kube-system_kube-proxy.patch.yaml");
    expect(r.stdout).toContain(
      `kubectl patch daemonset/kube-proxy -n kube-system --type strategic --patch-file ${dir}/daemonset_kube-system_kube-proxy.patch.yaml`,
    );
    expect(readFileSync(join(dir, "daemonset_kube-system_kube-proxy.patch.yaml"), "utf8")).toContain(
      "privileged: false",
    );
  });

  it("gives a clear usage error with exit 2", () => {
    const r = runCli(["scan", "--output", "xml", "--demo"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kubeward: Unknown value for flag `--output`: `xml`/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const none = runCli(["scan"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("no kubeconfig found");
  });

  it("prints the text report when stdout is not a terminal", () => {
    const r = runCli(["--demo"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("kubeward report — demo");
  });
});

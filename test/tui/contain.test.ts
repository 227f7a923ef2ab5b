// Containment as a user meets it: `c` then `w` in the TUI on the demo's crypto-miner,
// and `kubeward contain` on the command line (built CLI).
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, ROOT, runCli } from "../support/cli.js";
import { TmuxSession } from "../support/tmux.js";

let tmux: TmuxSession | undefined;
const dirs: string[] = [];
afterEach(() => {
  tmux?.kill();
  tmux = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "kubeward-contain-"));
  dirs.push(d);
  return d;
}

const minerRow = (s: string) => s.split("\n").find((l) => /^[> ][* ]CRIT/.test(l) && l.includes("dev/crypto-miner"));

describe("TUI containment (tmux, built CLI)", () => {
  it("done when: on the demo's crypto-miner, c previews the plan and w writes the bundle and shows where", async () => {
    const patchDir = join(tempDir(), "patches");
    tmux = new TmuxSession(`cd ${ROOT} && ${process.execPath} ${BIN} --demo --patch-dir ${patchDir}; sleep 30`, {
      width: 120,
      height: 40,
      env: { HOME: "/nonexistent-kubeward-home", KUBECONFIG: "" },
    });
    // The demo's script starts the miner a few seconds in (privileged, hostPID, hostNetwork): it sorts to the top.
    await tmux.waitFor((s) => !!minerRow(s), 30_000);
    tmux.type("g");
    await tmux.waitFor((s) => !!minerRow(s)?.startsWith(">"));
    tmux.type("c");
    const plan = await tmux.waitFor((s) => s.includes("Containment plan for pod dev/crypto-miner"));
    expect(plan).toContain("containment plan");
    expect(plan).toContain("hostNetwork: a NetworkPolicy does NOT isolate it");
    expect(plan).toContain("$ kubectl get pod crypto-miner -n dev -o yaml > evidence/pod.yaml");
    // The hostile annotation of the miner never reaches the terminal as a sequence.
    expect(tmux.rawScreen()).not.toContain("\u001b]0;pwned");
    tmux.type("w");
    const written = await tmux.waitFor((s) => s.includes("Wrote the containment bundle to"));
    const dir = join(patchDir, "contain_dev_crypto-miner");
    expect(written.replace(/\s+/g, "")).toContain(`${dir}/`.replace(/\s+/g, ""));
    expect(written).toContain("RUNBOOK.md");
    expect(written).toContain("cd ");
    const runbook = readFileSync(join(dir, "RUNBOOK.md"), "utf8");
    expect(runbook).toMatch(/^# Containment runbook: pod dev\/crypto-miner/);
    expect(runbook).toContain("kubectl cordon node-1");
    expect(existsSync(join(dir, "evidence", "kubeward-report.json"))).toBe(true);
    const report = JSON.parse(readFileSync(join(dir, "evidence", "kubeward-report.json"), "utf8"));
    expect(report.findings.some((f: { check: string }) => f.check === "pod.privileged")).toBe(true);
  }, 60_000);

  it("c on a finding that is not about a pod says what c needs", async () => {
    tmux = new TmuxSession(`cd ${ROOT} && ${process.execPath} ${BIN} --demo; sleep 30`, {
      width: 120,
      height: 40,
      env: { HOME: "/nonexistent-kubeward-home", KUBECONFIG: "" },
    });
    await tmux.waitFor((s) => /\d+ critical/.test(s) && s.includes("Permissive RBAC"));
    tmux.type("2");
    await tmux.waitFor((s) => s.includes("▶2 Permissive RBAC"));
    tmux.type("c");
    await tmux.waitFor((s) => s.includes("c works on a pod"));
  }, 60_000);
});

describe("kubeward contain (built CLI)", () => {
  it("writes the bundle for a demo pod and prints the steps", () => {
    const out = join(tempDir(), "incident");
    const r = runCli(["contain", "debug-shell", "-n", "dev", "--out", out, "--demo"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Containment bundle for pod dev/debug-shell written to ${out}`);
    expect(r.stdout).toMatch(/1\. Save the evidence \(\d+ commands\)/);
    expect(r.stdout).toContain(`Start with: cd ${out} && less RUNBOOK.md`);
    for (const f of ["RUNBOOK.md", "1-evidence.sh", "quarantine-networkpolicy.yaml", "evidence/kubeward-report.json"])
      expect(existsSync(join(out, f))).toBe(true);
    // A second run never writes over a bundle (its evidence may be there by then).
    const again = runCli(["contain", "debug-shell", "-n", "dev", "--out", out, "--demo"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already holds a containment bundle/);
  });

  it("a pod it cannot see is a clear one-line error and exit 2", () => {
    const out = join(tempDir(), "x");
    const typo = runCli(["contain", "debug-shel", "-n", "dev", "--out", out, "--demo"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe("kubeward: no pod dev/debug-shel (pods in dev with similar names: debug-shell)\n");
    expect(existsSync(out)).toBe(false);
    const noNs = runCli(["contain", "debug-shell", "-n", "nowhere", "--out", out, "--demo"]);
    expect(noNs.code).toBe(2);
    expect(noNs.stderr).toContain("kubeward sees no namespace nowhere");
    const usage = runCli(["contain", "debug-shell", "--out", out, "--demo"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("usage: kubeward contain POD -n NAMESPACE --out DIR");
    expect(runCli(["contain", "dev/debug-shell", "--out", out, "--demo"]).code).toBe(0);
  });
});

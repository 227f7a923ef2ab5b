// Issue 14, as a user meets it: a kubeconfig whose exec credential plugin hangs must
// neither hang `scan` (a clear error, exit 2, the plugin killed) nor keep the TUI
// alive after `q` (the process ends, the plugin with it); --file refuses what could
// block or never end.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, runCli } from "../support/cli.js";
import { TmuxSession } from "../support/tmux.js";

let tmux: TmuxSession | undefined;
afterEach(() => tmux?.kill());

function hangingKubeconfig(): { kubeconfig: string; pidFile: string } {
  const dir = mkdtempSync(join(tmpdir(), "kubeward-hang-"));
  const pidFile = join(dir, "pid");
  const plugin = join(dir, "plugin.sh");
  writeFileSync(plugin, `#!/bin/sh\necho $$ > ${pidFile}\nexec sleep 1000\n`);
  chmodSync(plugin, 0o755);
  const kubeconfig = join(dir, "config");
  writeFileSync(
    kubeconfig,
    JSON.stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "c", cluster: { server: "https://127.0.0.1:1", "insecure-skip-tls-verify": true } }],
      users: [{ name: "u", user: { exec: { apiVersion: "client.authentication.k8s.io/v1", command: plugin } } }],
      contexts: [{ name: "hang", context: { cluster: "c", user: "u" } }],
      "current-context": "hang",
    }),
  );
  return { kubeconfig, pidFile };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("bounded waits (issue 14)", () => {
  it("scan with a hanging exec plugin ends with one clear line and exit 2; the plugin is killed", () => {
    const { kubeconfig, pidFile } = hangingKubeconfig();
    const r = runCli(["scan", "--kubeconfig", kubeconfig], { KUBEWARD_EXEC_TIMEOUT: "2" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/exec credential plugin ".*plugin\.sh" did not answer within 2 s and was stopped/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(alive(Number(readFileSync(pidFile, "utf8")))).toBe(false);
  });

  it("q ends the TUI while the exec plugin still hangs, and the plugin goes with it", async () => {
    const { kubeconfig, pidFile } = hangingKubeconfig();
    tmux = new TmuxSession(`${process.execPath} ${BIN} --kubeconfig ${kubeconfig}; echo EXITED-$?; sleep 30`, {
      width: 100,
      height: 30,
      env: { HOME: "/nonexistent-kubeward-home", KUBECONFIG: "" },
    });
    await tmux.waitFor((s) => s.includes("hang"));
    for (let i = 0; i < 200 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 100)); // the pid line written
    const pid = Number(readFileSync(pidFile, "utf8"));
    expect(alive(pid)).toBe(true);
    tmux.type("q");
    // Well before the plugin's 30 s limit.
    await tmux.waitFor((s) => s.includes("EXITED-0"), 5000);
    expect(alive(pid)).toBe(false);
  });

  it("--file refuses /dev/zero and a FIFO with a clear line and exit 2", () => {
    const fifo = join(mkdtempSync(join(tmpdir(), "kubeward-fifo-")), "in.yaml");
    execFileSync("mkfifo", [fifo]);
    const r = runCli(["scan", "--file", "/dev/zero", "--file", fifo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("kubeward: /dev/zero: refused: a device, not a regular file");
    expect(r.stderr).toContain(`kubeward: ${fifo}: refused: a FIFO, not a regular file`);
  });
});

import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { execTimeoutMs } from "./exec-guard.js";
import { HttpTransport } from "./http.js";

/** A kubeconfig whose user runs `plugin` (which writes its pid, then hangs). */
function hangingPlugin(): { kc: KubeConfig; pidFile: string } {
  const dir = mkdtempSync(join(tmpdir(), "kubeward-exec-"));
  const pidFile = join(dir, "pid");
  const plugin = join(dir, "plugin.sh");
  writeFileSync(plugin, `#!/bin/sh\necho $$ > ${pidFile}\nexec sleep 1000\n`);
  chmodSync(plugin, 0o755);
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "c", server: "https://127.0.0.1:1", skipTLSVerify: true }],
    users: [{ name: "u", exec: { apiVersion: "client.authentication.k8s.io/v1", command: plugin, args: [] } }],
    contexts: [{ name: "x", cluster: "c", user: "u" }],
    currentContext: "x",
  });
  return { kc, pidFile };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitFor(what: () => boolean) {
  for (let i = 0; i < 200 && !what(); i++) await new Promise((r) => setTimeout(r, 25));
}

describe("exec credential plugins are bounded (issue 14)", () => {
  it("a hanging plugin is killed after the timeout and the error says so", async () => {
    process.env.KUBEWARD_EXEC_TIMEOUT = "1";
    try {
      const { kc, pidFile } = hangingPlugin();
      const t = new HttpTransport(kc, "https://127.0.0.1:1");
      const err = await t.getJson("/version", "application/json", new AbortController().signal).catch((e: Error) => e);
      expect(String((err as Error).message)).toMatch(
        /^authentication failed: the exec credential plugin ".*plugin\.sh" did not answer within 1 s and was stopped/,
      );
      const pid = Number(readFileSync(pidFile, "utf8"));
      await waitFor(() => !alive(pid));
      expect(alive(pid)).toBe(false);
    } finally {
      delete process.env.KUBEWARD_EXEC_TIMEOUT;
    }
  });

  it("close() kills a plugin still running (kubeward quits)", async () => {
    const { kc, pidFile } = hangingPlugin();
    const t = new HttpTransport(kc, "https://127.0.0.1:1");
    const pending = t.getJson("/version", "application/json", new AbortController().signal).catch((e: Error) => e);
    await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, "utf8").trim() !== "");
    const pid = Number(readFileSync(pidFile, "utf8"));
    expect(alive(pid)).toBe(true);
    t.close();
    await pending;
    await waitFor(() => !alive(pid));
    expect(alive(pid)).toBe(false);
  });

  it("the limit defaults to 30 s and follows KUBEWARD_EXEC_TIMEOUT", () => {
    expect(execTimeoutMs({})).toBe(30_000);
    expect(execTimeoutMs({ KUBEWARD_EXEC_TIMEOUT: "5" })).toBe(5000);
    expect(execTimeoutMs({ KUBEWARD_EXEC_TIMEOUT: "nope" })).toBe(30_000);
  });
});

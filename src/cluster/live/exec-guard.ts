// Bounded exec credential plugins (issue 14): client-node spawns a kubeconfig's
// `exec` plugin with no timeout, so a plugin that hangs (an SSO prompt nobody sees,
// a dead network) hangs kubeward. This wraps the spawn of client-node's ExecAuth:
// each plugin run is killed after EXEC_TIMEOUT_MS, every plugin still running is
// killed when the source stops, and the error names the plugin and the timeout.
import { type ChildProcess, spawn } from "node:child_process";
import type { KubeConfig } from "@kubernetes/client-node";

/** Default 30 s; KUBEWARD_EXEC_TIMEOUT (seconds) changes it. Stated in --help. */
export function execTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const s = Number(env.KUBEWARD_EXEC_TIMEOUT);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 30_000;
}

type SpawnFn = (command: string, args: readonly string[] | undefined, opts: object) => ChildProcess;

export class ExecGuard {
  private readonly running = new Set<ChildProcess>();
  /** Set when a plugin was killed for taking too long: the next auth error says so. */
  private timedOut: string | undefined;

  constructor(readonly timeoutMs = execTimeoutMs()) {}

  /** Hooks into the ExecAuth of `kc` (client-node keeps one per KubeConfig). False when it has none. */
  install(kc: KubeConfig): boolean {
    const auths = (kc as unknown as { authenticators?: { execFn?: SpawnFn }[] }).authenticators;
    const exec = auths?.find((a) => typeof a.execFn === "function");
    if (!exec) return false;
    exec.execFn = (command, args, opts) => this.spawn(command, args, opts);
    return true;
  }

  private spawn(command: string, args: readonly string[] | undefined, opts: object): ChildProcess {
    const child = spawn(command, args ?? [], { ...opts, stdio: ["ignore", "pipe", "pipe"] });
    this.running.add(child);
    const timer = setTimeout(() => {
      this.timedOut = command;
      child.kill("SIGKILL");
    }, this.timeoutMs);
    timer.unref();
    child.on("close", () => {
      clearTimeout(timer);
      this.running.delete(child);
    });
    return child;
  }

  /** The message for an auth failure: the timeout when a plugin was killed for it. */
  explain(err: unknown): string {
    const killed = this.timedOut;
    this.timedOut = undefined;
    if (killed)
      return `the exec credential plugin "${killed}" did not answer within ${Math.round(this.timeoutMs / 1000)} s and was stopped (KUBEWARD_EXEC_TIMEOUT changes the limit)`;
    const text = ((err as Error)?.message ?? String(err)).trim().split("\n")[0];
    return text ? `exec credential plugin failed: ${text}` : "the exec credential plugin failed";
  }

  /** Kills every plugin still running (the source stops, kubeward quits). */
  killAll(): void {
    for (const child of this.running) child.kill("SIGKILL");
    this.running.clear();
  }
}

// Drives a command in a real terminal (tmux) and reads the screen, for TUI tests.
import { execFileSync } from "node:child_process";

/** A tmux server of our own, so other tmux users on the machine cannot interfere. */
const SOCKET = `kubeward-test-${process.pid}`;

function tmux(args: string[], opts: { encoding?: "utf8"; stdio?: "ignore" } = {}): string {
  return execFileSync("tmux", ["-L", SOCKET, ...args], opts as { encoding: "utf8" }) ?? "";
}

export class TmuxSession {
  private static next = 0;
  readonly name: string;

  constructor(command: string, opts: { width?: number; height?: number; env?: Record<string, string> } = {}) {
    this.name = `kubeward-test-${process.pid}-${TmuxSession.next++}`;
    const env = Object.entries(opts.env ?? {}).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
    const args = [
      "new-session",
      "-d",
      "-s",
      this.name,
      "-x",
      String(opts.width ?? 80),
      "-y",
      String(opts.height ?? 24),
      ...env,
      // A person's terminal, not a CI job: CI variables change colour support and Ink's mode.
      `unset CI CONTINUOUS_INTEGRATION; ${command}`,
    ];
    // The server exits when its last session closes; a new session racing that exit is retried.
    for (let attempt = 0; ; attempt++) {
      try {
        tmux(args);
        break;
      } catch (err) {
        if (attempt >= 3) throw err;
        execFileSync("sleep", ["0.2"]);
      }
    }
  }

  keys(...keys: string[]): void {
    tmux(["send-keys", "-t", this.name, ...keys]);
  }

  /** Literal text (no key-name interpretation). */
  type(text: string): void {
    tmux(["send-keys", "-t", this.name, "-l", text]);
  }

  screen(): string {
    return tmux(["capture-pane", "-p", "-t", this.name], { encoding: "utf8" });
  }

  /** Screen with escape sequences kept, to check what reached the terminal. */
  rawScreen(): string {
    return tmux(["capture-pane", "-p", "-e", "-t", this.name], { encoding: "utf8" });
  }

  resize(width: number, height: number): void {
    tmux(["resize-window", "-t", this.name, "-x", String(width), "-y", String(height)]);
  }

  /** A tmux format for this pane, e.g. "#{alternate_on} #{cursor_flag} #{pane_title}". */
  display(format: string): string {
    return tmux(["display-message", "-p", "-t", this.name, format], { encoding: "utf8" }).trim();
  }

  /** Pids of the processes the pane's shell started (the command under test). */
  childPids(): number[] {
    const shell = this.display("#{pane_pid}");
    try {
      return execFileSync("pgrep", ["-P", shell], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
    } catch {
      return [];
    }
  }

  alive(): boolean {
    try {
      tmux(["has-session", "-t", this.name], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  }

  /** Polls the screen until `predicate` holds; throws with the last screen on timeout. */
  async waitFor(predicate: (screen: string) => boolean, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = "";
    while (Date.now() < deadline) {
      last = this.alive() ? this.screen() : last;
      if (predicate(last)) return last;
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`timed out waiting for the screen; last screen:\n${last}`);
  }

  kill(): void {
    try {
      tmux(["kill-session", "-t", this.name], { stdio: "ignore" });
    } catch {
      // already gone
    }
  }
}

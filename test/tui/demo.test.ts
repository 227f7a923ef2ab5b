import { afterEach, describe, expect, it } from "vitest";
import { BIN } from "../support/cli.js";
import { TmuxSession } from "../support/tmux.js";

let tmux: TmuxSession | undefined;
afterEach(() => tmux?.kill());

const start = (args: string, size = { width: 80, height: 24 }) =>
  new TmuxSession(`${process.execPath} ${BIN} ${args}; echo EXITED-$?; sleep 30`, {
    ...size,
    env: { HOME: "/nonexistent-kubeward-home", KUBECONFIG: "" },
  });

describe("TUI on the demo (tmux)", () => {
  it("draws at 80x24, updates as the demo changes, quits on q", async () => {
    tmux = start("--demo");
    const first = await tmux.waitFor((s) => /\d+ crit/.test(s) && s.includes("Pod dev/debug-shell"));
    for (const line of first.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
    // The demo script's first step starts a privileged pod a few seconds in.
    await tmux.waitFor((s) => s.includes("crypto-miner"), 20_000);
    tmux.type("q");
    const after = await tmux.waitFor((s) => s.includes("EXITED-"));
    expect(after).toContain("EXITED-0");
  });

  it("falls back to the demo and says so when there is no kubeconfig", async () => {
    tmux = start("");
    const screen = await tmux.waitFor((s) => s.includes("no kubeconfig found"));
    expect(screen).toContain("demo");
    tmux.type("q");
    await tmux.waitFor((s) => s.includes("EXITED-0"));
  });
});

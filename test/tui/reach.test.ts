// `:reach shop/db 5432` in the TUI on the demo, and `kubeward reach` from the built CLI.
import { afterEach, describe, expect, it } from "vitest";
import { BIN, runCli } from "../support/cli.js";
import { TmuxSession } from "../support/tmux.js";

let tmux: TmuxSession | undefined;
afterEach(() => tmux?.kill());

describe(":reach in the TUI (tmux)", () => {
  it("shows the allowed sources of shop/db on 5432, grouped, with the policy names; Enter follows a peer", async () => {
    tmux = new TmuxSession(`${process.execPath} ${BIN} --demo; echo EXITED-$?; sleep 30`, {
      width: 120,
      height: 40,
      env: { HOME: "/nonexistent-kubeward-home", KUBECONFIG: "" },
    });
    await tmux.waitFor((s) => /\d+ crit/.test(s));
    tmux.type(":");
    await tmux.waitFor((s) => s.includes("Tab completes"));
    tmux.type("reach shop/db 5432");
    await tmux.waitFor((s) => s.includes(":reach shop/db 5432"));
    tmux.keys("Enter");
    const screen = await tmux.waitFor((s) => s.includes("Who can reach shop/db on TCP/5432"));
    expect(screen).toMatch(/namespace shop \(\d+\)/);
    // The db's own client policy (named port "postgres" → 5432) and the allow-all mistake.
    expect(screen).toMatch(/Deployment web\s+TCP\/5432\s+allowed by shop\/db-allow-all, shop\/db-from-web/);
    expect(screen).toMatch(/CronJob nightly-report\s+TCP\/5432\s+allowed by shop\/db-allow-all, shop\/db-from-web/);
    expect(screen).toMatch(/namespace staging \(1\)\n\s+Deployment web\s+TCP\/5432\s+allowed by shop\/db-allow-all\n/);
    expect(screen).toMatch(/addresses outside the pods \(2\)/);
    expect(screen).toMatch(/0\.0\.0\.0\/0\s+TCP\/5432\s+allowed by shop\/db-allow-all/);
    // Enter on the first peer opens the same answer for it.
    tmux.keys("Enter");
    const next = await tmux.waitFor((s) => /Who can reach ci\/Pod\/build-runner-5k2x9 on TCP\/5432/.test(s));
    expect(next).toContain("reach › reach");
    tmux.type("q");
    await tmux.waitFor((s) => s.includes("EXITED-0"));
  });
});

describe("kubeward reach (built CLI)", () => {
  it("answers --to with --port on the demo, as text", () => {
    const r = runCli(["reach", "--demo", "--to", "shop/db", "--port", "5432"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^to shop\/db on TCP\/5432: \d+ connections/);
    expect(r.stdout).toMatch(/shop\/Deployment\/web\s+TCP\/5432\s+shop\/db-allow-all, shop\/db-from-web/);
  });

  it("exits 2 with one line on a bad query", () => {
    const r = runCli(["reach", "--demo"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("kubeward: usage: kubeward reach --to NS/NAME | --from NS/NAME | --all [--port N[/PROTO]]\n");
  });
});

// Draws the Ink UI over a running session until the user quits; restores the
// terminal (alternate screen left, cursor shown, raw mode off) on exit, on a
// signal and on a crash.
import { render } from "ink";
import { createElement } from "react";
import { Controller } from "../src/app/controller.js";
import type { DemoSource } from "../src/cluster/demo.js";
import type { Session } from "../src/commands/session.js";
import type { ConfigProblem } from "../src/triage/exceptions.js";
import { sanitize } from "../src/util/sanitize.js";
import { App } from "./App.js";
import { RESTORE_TERMINAL } from "./terminal.js";

export interface TuiOptions {
  /** Where `w` writes patch files (default ./kubeward-patches). */
  patchDir?: string;
  /** Where `x` appends accepted risks (the config file read at start, or ./.kubeward.yaml). */
  configPath?: string;
  /** Bad exception entries of the config file, shown in the activity feed. */
  configProblems?: readonly ConfigProblem[];
  /** Start with accepted findings shown (dimmed), as `a` toggles. */
  showAccepted?: boolean;
}

export { RESTORE_TERMINAL } from "./terminal.js";

/**
 * Frame options shared with the benches (test/bench/ink-null.ts). Frames come from
 * keys and from analyses (≤10/s, the controller batches events), so a 60 fps cap
 * costs no CPU while watching; at 20 fps a key typed within 50 ms of the last frame
 * waited for the next slot.
 */
export const FRAME_OPTIONS = { incrementalRendering: true, maxFps: 60 } as const;

export async function runTui(session: Session, options: TuiOptions = {}): Promise<number> {
  const controller = new Controller(session);
  if (options.showAccepted) controller.setShowAccepted(true);
  for (const p of options.configProblems ?? [])
    controller.note(`config problem: ${p.file}:${p.line}: ${p.message}`, "status");
  // The demo's steps in the activity line (a type, not an instanceof: the live path never loads the demo).
  if (session.source.info.kind === "demo") (session.source as DemoSource).onStep = (label) => controller.note(label);
  const app = render(
    createElement(App, {
      controller,
      patchDir: options.patchDir ?? process.env.KUBEWARD_PATCH_DIR ?? "kubeward-patches",
      ...(options.configPath ? { configPath: options.configPath } : {}),
    }),
    {
      // The CLI draws only on a terminal; Ink would otherwise turn non-interactive
      // (last frame only) whenever a CI variable is set, e.g. in a CI job's shell.
      interactive: true,
      alternateScreen: true,
      ...FRAME_OPTIONS,
      exitOnCtrlC: true,
    },
  );

  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    try {
      app.unmount();
    } catch {
      // Ink may already be torn down; the escape sequences below still restore the terminal.
    }
    try {
      if (process.stdin.isTTY) process.stdin.setRawMode(false);
    } catch {
      // stdin may be closed
    }
    process.stdout.write(RESTORE_TERMINAL);
  };
  const crash = (err: unknown) => {
    restore();
    process.stderr.write(`kubeward: ${sanitize(err instanceof Error ? err.message : String(err))}\n`);
    if (process.env.KUBEWARD_DEBUG) process.stderr.write(`${(err as Error)?.stack ?? ""}\n`);
    process.exit(2);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    restore();
    process.exit(128 + (signal === "SIGINT" ? 2 : signal === "SIGHUP" ? 1 : 15));
  };
  process.on("uncaughtException", crash);
  process.on("unhandledRejection", crash);
  for (const s of ["SIGTERM", "SIGHUP", "SIGINT"] as const) process.on(s, onSignal);
  // Test hook: proves the crash path restores the terminal (test/tui).
  const crashAfter = Number(process.env.KUBEWARD_TEST_CRASH_AFTER_MS);
  if (crashAfter > 0)
    setTimeout(() => {
      throw new Error("test crash");
    }, crashAfter);

  try {
    // `q` ends the UI whatever the source is doing: a start() stuck on a credential plugin
    // or an unreachable server is abandoned (session.stop() below kills what it started).
    const exited = app.waitUntilExit();
    await Promise.race([session.start().then(() => exited), exited]);
  } finally {
    controller.dispose();
    session.stop();
    restore();
    process.off("uncaughtException", crash);
    process.off("unhandledRejection", crash);
    for (const s of ["SIGTERM", "SIGHUP", "SIGINT"] as const) process.off(s, onSignal);
  }
  return 0;
}

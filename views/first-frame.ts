// The UI's first frame, drawn with plain escape sequences before Ink, React and the
// analysis engines load (together ~1 s of module loading on a busy 2-core machine):
// the header's first line (source, context, namespace scope) and what is happening
// ("connecting…"). Ink's first frame replaces it. Until then Ctrl-C (the terminal is
// not in raw mode yet, so it is a signal) restores the terminal before exiting.
import type { SourceInfo } from "../src/cluster/source.js";
import { whereText } from "./header-text.js";
import { CLEAR_SCREEN, ENTER_SCREEN, RESTORE_TERMINAL } from "./terminal.js";
import { clip } from "./text.js";

export interface FirstFrame {
  /** Ink is about to draw: clear the screen for it (signals stay handled until the UI's own handlers are in). */
  handOver(): void;
  /** The UI ended, or failed before it ran: leave the alternate screen unless Ink did, stop handling signals. */
  restore(): void;
}

type Out = Pick<NodeJS.WriteStream, "write" | "isTTY" | "columns">;

const SIGNALS = { SIGINT: 2, SIGHUP: 1, SIGTERM: 15 } as const;

/** The first frame's lines, without colour (the header's words; the second line says what is loading). */
export function firstFrameLines(info: SourceInfo, width: number): string[] {
  const doing = info.kind === "live" ? "connecting…" : info.kind === "files" ? "reading files…" : "loading the demo…";
  const lines = [`kubeward ${clip(whereText(info), Math.max(10, width - 10))}`, clip(doing, width)];
  if (info.note) lines.push(clip(info.note, width));
  return lines;
}

export function showFirstFrame(info: SourceInfo, out: Out = process.stdout, env = process.env): FirstFrame {
  if (!out.isTTY) return { handOver() {}, restore() {} };
  const [head = "", ...rest] = firstFrameLines(info, out.columns || 80);
  // Header.tsx's colours: "kubeward" bold green, the state gray, the note yellow; none with NO_COLOR.
  const paint = (code: string, s: string) => (env.NO_COLOR ? s : `\u001b[${code}m${s}\u001b[0m`);
  const title = `${paint("1;32", "kubeward")}${head.slice("kubeward".length)}`;
  const [doing = "", note] = rest;
  const lines = [title, paint("90", doing), ...(note ? [paint("33", note)] : [])];
  out.write(`${ENTER_SCREEN}${lines.join("\r\n")}`);

  // "shown": this frame is on screen; "ink": Ink is drawing (its runner handles signals once
  // it has registered its own handlers); "over": the UI ended, nothing left to restore.
  let state: "shown" | "ink" | "over" = "shown";
  // Kept until the UI ends: a signal that arrives while modules load is dispatched only once
  // the loading yields, and must still find a handler then (a removed one drops it).
  const onSignal = (signal: NodeJS.Signals) => {
    if (state === "ink" && process.listenerCount(signal) > 1) return;
    if (state !== "over") out.write(RESTORE_TERMINAL);
    process.exit(128 + SIGNALS[signal as keyof typeof SIGNALS]);
  };
  for (const s of Object.keys(SIGNALS)) process.on(s, onSignal);
  return {
    handOver() {
      if (state !== "shown") return;
      state = "ink";
      out.write(CLEAR_SCREEN);
    },
    restore() {
      if (state === "shown") out.write(RESTORE_TERMINAL);
      state = "over";
      for (const s of Object.keys(SIGNALS)) process.off(s, onSignal);
    },
  };
}

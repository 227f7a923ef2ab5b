// Mounts the real Ink App on fake terminal streams (same render options as
// views/tui.ts), so the benches time real frames without a terminal.
import { EventEmitter } from "node:events";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { render } from "ink";
import { createElement } from "react";
import type { Controller } from "../../src/app/controller.js";
import { App } from "../../views/App.js";
import { FRAME_OPTIONS } from "../../views/tui.js";

export type FrameListener = (chunk: string, at: number) => void;

/**
 * Ink's instance registry (not exported by the package): with incremental
 * rendering a write carries only the changed parts of lines, so frames are read
 * whole from the instance's lastOutput, which Ink sets right after writing.
 */
const require = createRequire(import.meta.url);
const instances = (
  (await import(pathToFileURL(join(dirname(require.resolve("ink")), "instances.js")).href)) as {
    default: WeakMap<object, { lastOutput: string }>;
  }
).default;

class NullStdout extends EventEmitter {
  readonly isTTY = true;
  columns = 160;
  rows = 48;
  listeners_: FrameListener[] = [];
  private last = "";
  write = (_chunk: string) => {
    const at = performance.now();
    queueMicrotask(() => {
      const frame = instances.get(this)?.lastOutput ?? "";
      if (frame === this.last) return;
      this.last = frame;
      for (const l of this.listeners_) l(frame, at);
    });
    return true;
  };
}

class NullStdin extends EventEmitter {
  readonly isTTY = true;
  private data: string | null = null;
  write(data: string): void {
    this.data = data;
    this.emit("readable");
    this.emit("data", data);
  }
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

export interface MountedTui {
  onFrame(listener: FrameListener): void;
  /** Sends keys as a terminal would. */
  type(keys: string): void;
  unmount(): void;
}

export function mountTui(controller: Controller): MountedTui {
  const stdout = new NullStdout();
  const stdin = new NullStdin();
  const stderr = new NullStdout();
  const app = render(createElement(App, { controller }), {
    // biome-ignore lint/suspicious/noExplicitAny: fake streams stand in for a terminal
    stdout: stdout as any,
    // biome-ignore lint/suspicious/noExplicitAny: fake streams stand in for a terminal
    stdin: stdin as any,
    // biome-ignore lint/suspicious/noExplicitAny: fake streams stand in for a terminal
    stderr: stderr as any,
    // As the CLI does (views/tui.ts): with a CI variable set Ink would otherwise draw only at unmount.
    interactive: true,
    ...FRAME_OPTIONS,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return {
    onFrame: (l) => stdout.listeners_.push(l),
    type: (keys) => stdin.write(keys),
    unmount: () => app.unmount(),
  };
}

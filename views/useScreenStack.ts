// The screen stack: drill-down levels above the panel lists.
import { useState } from "react";
import type { Screen } from "./screen.js";

export interface ScreenStack {
  stack: readonly Screen[];
  /** The screen on top, or undefined on the panel lists. */
  screen: Screen | undefined;
  push(next: Screen): void;
  pop(): void;
  /** Back to the panel lists. */
  clear(): void;
  /** Changes fields (scroll, cursor, filter) of the screen on top. */
  updateTop(patch: Partial<Screen>): void;
}

export function useScreenStack(): ScreenStack {
  const [stack, setStack] = useState<Screen[]>([]);
  return {
    stack,
    screen: stack[stack.length - 1],
    push: (next) => setStack((s) => [...s, next]),
    pop: () => setStack((s) => s.slice(0, -1)),
    clear: () => setStack([]),
    updateTop: (patch) =>
      setStack((s) => (s.length ? [...s.slice(0, -1), { ...s[s.length - 1]!, ...patch } as Screen] : s)),
  };
}

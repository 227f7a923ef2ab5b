// What the key handlers and actions of the App read and set: the App's state, in one object.
import type { Dispatch, SetStateAction } from "react";
import type { Finding, Panel } from "../src/analysis/finding.js";
import type { Controller, Snapshot } from "../src/app/controller.js";
import type { PanelLists } from "../src/app/panels.js";
import type { AcceptPrompt } from "./AcceptPrompt.js";
import type { Line } from "./Pane.js";
import type { Layout } from "./useLayout.js";
import type { ScreenStack } from "./useScreenStack.js";
import type { Selection } from "./useSelection.js";

export type Mode = "normal" | "filter" | "command";
export type Flash = { text: string; bad?: boolean };

export interface Ui {
  controller: Controller;
  snap: Snapshot;
  patchDir: string;
  exit(): void;
  layout: Layout;
  nav: ScreenStack;
  sel: Selection;
  panel: Panel;
  setPanel(p: Panel): void;
  /** The panels' lists as shown (scoped, filtered, grouped by image). */
  lists: PanelLists;
  /** The focused panel's selected row and its finding. */
  selected: number;
  current: Finding | undefined;
  filters: Partial<Record<Panel, string>>;
  setFilters: Dispatch<SetStateAction<Partial<Record<Panel, string>>>>;
  marked: ReadonlySet<string>;
  setMarked: Dispatch<SetStateAction<ReadonlySet<string>>>;
  byImage: boolean;
  setByImage: Dispatch<SetStateAction<boolean>>;
  setScope(namespace: string | undefined): void;
  setMode(mode: Mode): void;
  setCommand(line: string): void;
  setFlash(flash: Flash | undefined): void;
  /** The lines of the screen on top (none on the panel lists). */
  paneLines: Line[];
  prompt: AcceptPrompt;
}

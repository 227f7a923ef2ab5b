// The keys of normal mode (no filter, command line or prompt open): on the panel lists
// and on a screen of the stack.
import { type Key, useInput } from "ink";
import { PANELS } from "../src/analysis/finding.js";
import type { Actions } from "./actions.js";
import { clampTop } from "./Pane.js";
import { firstAction, lastActionBefore, type Screen } from "./screen.js";
import type { Ui } from "./ui.js";

export function useNormalKeys(ui: Ui, act: Actions, isActive: boolean): void {
  useInput(
    (input, key) => {
      ui.setFlash(undefined);
      normalKey(ui, act, input, key);
    },
    { isActive },
  );
}

function normalKey(ui: Ui, act: Actions, input: string, key: Key) {
  const { nav, snap, panel } = ui;
  const screen = nav.screen;
  if (input === "q") return ui.exit();
  if (input === "?") return screen?.kind === "help" ? nav.pop() : nav.push({ kind: "help", top: 0 });
  if (input === ":") {
    ui.setCommand("");
    return ui.setMode("command");
  }
  if (key.escape) {
    if (screen) return nav.pop();
    if (ui.filters[panel]) return ui.setFilters((f) => ({ ...f, [panel]: "" }));
    if (ui.marked.size) return ui.setMarked(new Set());
    return;
  }
  if (/^[1-6]$/.test(input)) return act.switchPanel(PANELS[Number(input) - 1]!);
  if (input === "p") {
    const fs = act.targetFindings();
    if (!fs.length) return ui.setFlash({ text: "no finding selected", bad: true });
    if (screen?.kind === "patch") return;
    return nav.push({ kind: "patch", ids: fs.map((f) => f.id), top: 0 });
  }
  if (input === "w") return act.writeNow();
  if (input === "x") {
    const fs = act.targetFindings();
    if (!fs.length) return ui.setFlash({ text: "no finding selected", bad: true });
    return ui.prompt.open(fs.map((f) => f.id));
  }
  if (input === "a") {
    ui.controller.setShowAccepted(!snap.showAccepted);
    return ui.setFlash({ text: snap.showAccepted ? "accepted findings hidden" : "accepted findings shown (dimmed)" });
  }
  if (input === "c") return act.containNow();
  if (input === "y") {
    if (screen?.kind === "detail") {
      const f = screen.findingId ? snap.byId.get(screen.findingId) : undefined;
      return nav.push({ kind: "yaml", ref: screen.ref, ...(f?.path ? { path: f.path } : {}), top: 0 });
    }
    const current = ui.current;
    if (!screen && current)
      return nav.push({ kind: "yaml", ref: current.resource, ...(current.path ? { path: current.path } : {}), top: 0 });
    return;
  }
  if (screen) {
    if (input === "/" && screen.kind === "detail") return ui.setMode("filter");
    if (key.tab) return act.switchPanel(act.nextPanel(key.shift));
    return paneKey(ui, act, screen, input, key);
  }
  listKey(ui, act, input, key);
}

/** The panel lists: move, open, mark, filter. */
function listKey(ui: Ui, act: Actions, input: string, key: Key) {
  const { selected, current, panel } = ui;
  const select = (i: number) => ui.sel.select(panel, i);
  if (input === "/") return ui.setMode("filter");
  // Keys typed while a frame is being computed arrive as one chunk ("jjjk"): move by the net count.
  if (input.length > 1 && /^[jk]+$/.test(input)) {
    const down = input.split("").filter((c) => c === "j").length;
    return select(selected + down - (input.length - down));
  }
  if (input === "j" || key.downArrow) select(selected + 1);
  else if (input === "k" || key.upArrow) select(selected - 1);
  else if (input === "g" || key.home) select(0);
  else if (input === "G" || key.end) select(ui.lists[panel].length - 1);
  else if (key.pageDown) select(selected + ui.layout.focusedListHeight);
  else if (key.pageUp) select(selected - ui.layout.focusedListHeight);
  else if (key.tab) ui.setPanel(act.nextPanel(key.shift));
  else if (key.return && current) act.openFinding(current);
  else if (input === "i" && panel === "images") {
    ui.setByImage((b) => !b);
    ui.setFlash({
      text: ui.byImage ? "images panel: workload rows" : "images panel: image rows (i: back to workload rows)",
    });
  } else if (input === " " && current) {
    ui.setMarked((m) => {
      const next = new Set(m);
      if (next.has(current.id)) next.delete(current.id);
      else next.add(current.id);
      return next;
    });
    select(selected + 1);
  }
}

/** A screen of the stack: scroll, move the cursor between rows that open something, open it. */
function paneKey(ui: Ui, act: Actions, screen: Screen, input: string, key: Key): void {
  const lines = ui.paneLines;
  const height = ui.layout.bodyHeight;
  const updateTop = ui.nav.updateTop;
  const top = clampTop(screen.top, lines.length, height);
  const cursor = "cursor" in screen ? (screen.cursor ?? firstAction(lines)) : undefined;
  const visible = (i: number | undefined) => i !== undefined && i >= top && i < top + height;
  if (input === "j" || key.downArrow) {
    const next = firstAction(lines, (cursor ?? -1) + 1);
    if (next !== undefined && (visible(next) || (cursor !== undefined && !visible(cursor) && next >= top))) {
      updateTop({ cursor: next, top: next >= top + height ? next - height + 1 : top } as Partial<Screen>);
    } else updateTop({ top: clampTop(top + 1, lines.length, height) });
  } else if (input === "k" || key.upArrow) {
    const prev = cursor !== undefined ? lastActionBefore(lines, cursor) : undefined;
    if (prev !== undefined && prev >= top - 1) updateTop({ cursor: prev, top: Math.min(prev, top) } as Partial<Screen>);
    else updateTop({ top: Math.max(0, top - 1) });
  } else if (key.pageDown || input === " ") updateTop({ top: clampTop(top + height - 1, lines.length, height) });
  else if (key.pageUp) updateTop({ top: Math.max(0, top - height + 1) });
  else if (input === "g" || key.home)
    updateTop({ top: 0, ...(cursor !== undefined ? { cursor: firstAction(lines) } : {}) } as Partial<Screen>);
  else if (input === "G" || key.end) updateTop({ top: clampTop(lines.length, lines.length, height) });
  else if (key.return && cursor !== undefined && visible(cursor)) {
    const action = lines[cursor]?.action;
    const f = action?.findingId ? ui.snap.byId.get(action.findingId) : undefined;
    if (f) act.openFinding(f);
    else if (action?.reach) ui.nav.push({ kind: "reach", text: action.reach, top: 0, cursor: undefined });
    else if (action?.ref) act.openRef(action.ref);
  }
}

// What keys and commands do to the App: open screens, write patches and bundles, run `:` commands.
// The answers come from the view-model (src/app); this only moves between screens and says how it went.
import { type Finding, PANELS, type Panel } from "../src/analysis/finding.js";
import { findingsOf, writePatchesFor } from "../src/app/actions.js";
import { parseCommand } from "../src/app/commands.js";
import { pickPod, prepareContainment, writeContainment } from "../src/app/contain.js";
import type { ResourceRef } from "../src/cluster/objects.js";
import { firstAction } from "./screen.js";
import type { Ui } from "./ui.js";

export interface Actions {
  switchPanel(p: Panel): void;
  /** Tab / Shift-Tab: the next or previous panel. */
  nextPanel(back: boolean): Panel;
  openFinding(f: Finding): void;
  openRef(ref: ResourceRef): void;
  /** The findings p, w and x act on: the marked ones, else the one in view. */
  targetFindings(): Finding[];
  /** `c`: the pod under the cursor, the detail's pod, or the selected finding's pod. */
  containNow(): void;
  /** `w`: the containment bundle on screen, else the target findings' patches. */
  writeNow(): void;
  runCommand(text: string): void;
}

export function actionsOf(ui: Ui): Actions {
  const { controller, snap, nav, patchDir } = ui;
  const session = controller.session;
  const store = session.store;
  const screen = nav.screen;
  const switchPanel = (p: Panel) => {
    ui.setPanel(p);
    nav.clear();
  };
  const openFinding = (f: Finding) =>
    nav.push({ kind: "detail", ref: f.resource, findingId: f.id, top: 0, cursor: undefined });
  const openRef = (ref: ResourceRef) => nav.push({ kind: "detail", ref, top: 0, cursor: undefined });

  const targetFindings = (): Finding[] => {
    if (screen?.kind === "patch") return findingsOf(screen.ids, snap.byId);
    if (screen?.kind === "detail") {
      const f = screen.findingId ? snap.byId.get(screen.findingId) : undefined;
      return f ? [f] : [];
    }
    if (!screen && ui.marked.size) return findingsOf(ui.marked, snap.byId);
    return ui.current ? [ui.current] : [];
  };

  const containNow = () => {
    const lines = ui.paneLines;
    const at = screen && "cursor" in screen ? (screen.cursor ?? firstAction(lines)) : undefined;
    const row = at !== undefined ? lines[at]?.action?.ref : undefined;
    const ref = pickPod([
      row,
      screen?.kind === "detail" ? screen.ref : undefined,
      screen ? undefined : ui.current?.resource,
    ]);
    const out = prepareContainment(store, snap.result, ref, patchDir, session.source.info);
    if ("error" in out) return ui.setFlash({ text: out.error, bad: true });
    nav.push({ kind: "contain", bundle: out.bundle, dir: out.dir, top: 0 });
  };

  const writeNow = () => {
    if (screen?.kind === "contain") {
      const r = writeContainment(screen.bundle, screen.dir);
      nav.push({ kind: "contained", dir: screen.dir, ...r, top: 0 });
      if (r.written) controller.note(`wrote containment bundle to ${r.written.dir}/`);
      return;
    }
    if (screen?.kind === "contained") return;
    const fs = targetFindings();
    if (!fs.length) return ui.setFlash({ text: "nothing to write: no finding selected", bad: true });
    const r = writePatchesFor(fs, store, snap.result, patchDir);
    nav.push({ kind: "written", ...r, top: 0 });
    if (r.patches.length) controller.note(`wrote ${r.patches.length} patch file(s) to ${patchDir}/`);
  };

  const runCommand = (text: string) => {
    const cmd = parseCommand(text);
    switch (cmd.type) {
      case "quit":
        return ui.exit();
      case "help":
        return nav.push({ kind: "help", top: 0 });
      case "panel":
        return switchPanel(cmd.panel);
      case "ns": {
        ui.setScope(cmd.namespace);
        nav.clear();
        if (cmd.namespace && !store.namespaces().includes(cmd.namespace))
          ui.setFlash({ text: `no namespace ${cmd.namespace} in the store (scoped anyway)`, bad: true });
        else
          ui.setFlash({
            text: cmd.namespace ? `scoped to namespace ${cmd.namespace} (:ns all clears)` : "all namespaces",
          });
        return;
      }
      case "ctx": {
        ui.setFlash({ text: `switching to context ${cmd.name}…` });
        session.switchContext(cmd.name).then(
          () => ui.setFlash({ text: `context ${cmd.name}` }),
          (err: unknown) =>
            ui.setFlash({ text: `cannot switch to ${cmd.name}: ${(err as Error)?.message ?? err}`, bad: true }),
        );
        return;
      }
      case "can":
        if (!snap.result.models.rbac)
          return ui.setFlash({ text: "RBAC engine not loaded: who-can has no answer", bad: true });
        return nav.push({ kind: "whocan", text: cmd.text, top: 0, cursor: undefined });
      case "reach":
        return nav.push({ kind: "reach", text: cmd.text, top: 0, cursor: undefined });
      case "error":
        return ui.setFlash({ text: cmd.message, bad: true });
    }
  };

  return {
    switchPanel,
    nextPanel: (back) => PANELS[(PANELS.indexOf(ui.panel) + (back ? PANELS.length - 1 : 1)) % PANELS.length]!,
    openFinding,
    openRef,
    targetFindings,
    containNow,
    writeNow,
    runCommand,
  };
}

import { Box, Text, useApp, useInput, useWindowSize } from "ink";
import { type ReactNode, useMemo, useRef, useState } from "react";
import { type Finding, PANEL_TITLES, PANELS, type Panel } from "../src/analysis/finding.js";
import { checkCatalog } from "../src/analysis/registry.js";
import { AcceptInputError, acceptFindings } from "../src/app/accept.js";
import { complete, parseCommand } from "../src/app/commands.js";
import { pickPod, prepareContainment, type WrittenBundle, writeContainment } from "../src/app/contain.js";
import type { Controller } from "../src/app/controller.js";
import { MAX_RANKED } from "../src/app/filter.js";
import { groupByImage } from "../src/app/image-groups.js";
import { panelGapText } from "../src/app/panel-gaps.js";
import { countSeverities, type PanelLists, positionIn } from "../src/app/panels.js";
import { type ResourceRef, refLabel } from "../src/cluster/objects.js";
import type { ContainmentBundle } from "../src/patch/contain.js";
import { type PlannedPatch, planPatches, writeFindingPatches } from "../src/patch/patches.js";
import { useAcceptPrompt } from "./AcceptPrompt.js";
import { ActivityFeed } from "./Activity.js";
import { containedLines, containLines } from "./contain.js";
import { FindingList, windowTop } from "./FindingList.js";
import { Header } from "./Header.js";
import { useFindingMarks } from "./marks.js";
import { clampTop, type Line, Pane, wrapLines } from "./Pane.js";
import { PanelTabs } from "./PanelTabs.js";
import {
  detailLines,
  helpLines,
  patchLines,
  reachLines,
  whoCanLines,
  writtenLines,
  yamlScreenLines,
} from "./screens.js";
import { clip, clock, padTo } from "./text.js";
import { color } from "./theme.js";
import { useFiltered } from "./useFiltered.js";
import { useSnapshot } from "./useSnapshot.js";

/** A drill-down level above the panel lists; Esc pops one. */
export type Screen =
  | { kind: "detail"; ref: ResourceRef; findingId?: string; top: number; cursor?: number; filter?: string }
  | { kind: "yaml"; ref: ResourceRef; path?: string; top: number }
  | { kind: "patch"; ids: string[]; top: number }
  | { kind: "written"; patches: PlannedPatch[]; error?: string; top: number }
  | { kind: "whocan"; text: string; top: number; cursor?: number }
  | { kind: "reach"; text: string; top: number; cursor?: number }
  | { kind: "contain"; bundle: ContainmentBundle; dir: string; top: number }
  | { kind: "contained"; dir: string; written?: WrittenBundle; error?: string; top: number }
  | { kind: "help"; top: number };

type Mode = "normal" | "filter" | "command";

export interface AppProps {
  controller: Controller;
  /** Where `w` writes patch files. */
  patchDir?: string;
  /** Where `x` appends accepted risks (default ./.kubeward.yaml). */
  configPath?: string;
}

const firstAction = (lines: readonly Line[], from = 0): number | undefined => {
  for (let i = from; i < lines.length; i++) if (lines[i]!.action) return i;
  return undefined;
};
const lastActionBefore = (lines: readonly Line[], before: number): number | undefined => {
  for (let i = before - 1; i >= 0; i--) if (lines[i]!.action) return i;
  return undefined;
};

export function App({ controller, patchDir = "kubeward-patches", configPath = ".kubeward.yaml" }: AppProps) {
  const snap = useSnapshot(controller);
  const { exit } = useApp();
  const { columns, rows } = useWindowSize();
  const session = controller.session;
  const store = session.store;
  const info = session.source.info;
  const catalog = checkCatalog();

  const [panel, setPanel] = useState<Panel>("pods");
  // Selection is kept by finding id, so it stays on the same finding when rows move.
  const [selectedId, setSelectedId] = useState<Partial<Record<Panel, string>>>({});
  const [filters, setFilters] = useState<Partial<Record<Panel, string>>>({});
  const [scope, setScope] = useState<string | undefined>(undefined);
  const [marked, setMarked] = useState<ReadonlySet<string>>(new Set());
  const [stack, setStack] = useState<Screen[]>([]);
  const [mode, setMode] = useState<Mode>("normal");
  const [command, setCommand] = useState("");
  const [flash, setFlash] = useState<{ text: string; bad?: boolean } | undefined>(undefined);

  // Kept by the controller across results (O(changed) per result), as are the counts and byId.
  const all = snap.panels;
  const scoped = useMemo((): PanelLists => {
    if (!scope) return all;
    return Object.fromEntries(
      PANELS.map((p) => [p, all[p].filter((f) => f.resource.namespace === scope)]),
    ) as unknown as PanelLists;
  }, [all, scope]);
  const filtered = useFiltered(scoped, filters, panel, mode === "filter");
  // `i` on the images panel: image rows (each image's findings together, its workloads under it).
  const [byImage, setByImage] = useState(false);
  const imageGroups = useMemo(
    () => (byImage ? groupByImage(filtered.images, session.store) : undefined),
    [byImage, filtered, session.store],
  );
  const imageLabel = (f: Finding) =>
    `${imageGroups?.imageOf.get(f.id) ?? "?"} ← ${refLabel(f.resource)}${f.container ? ` [${f.container}]` : ""}`;
  const lists = useMemo(
    (): PanelLists => (imageGroups ? { ...filtered, images: imageGroups.findings } : filtered),
    [filtered, imageGroups],
  );
  const counts = useMemo(() => {
    if (scoped === all) return snap.counts;
    const c = countSeverities([]);
    for (const p of PANELS) for (const f of scoped[p]) c[f.severity]++;
    return c;
  }, [snap, all, scoped]);
  const byId = snap.byId;
  const decorate = useFindingMarks(snap);
  const prompt = useAcceptPrompt((ids, reason, expires) => {
    const fs = ids.map((id) => byId.get(id)).filter((f): f is Finding => !!f);
    try {
      const r = acceptFindings(session, configPath, fs, { reason, expires });
      setMarked(new Set());
      controller.note(`accepted ${fs.length} finding(s): ${r.written} exception(s) → ${r.file}`);
      for (const p of r.problems) controller.note(`config problem: ${p.file}:${p.line}: ${p.message}`, "status");
      controller.refresh();
      return undefined;
    } catch (err) {
      return err instanceof AcceptInputError ? err.message : `cannot write ${configPath}: ${(err as Error).message}`;
    }
  });

  // Layout: a grid of panels on a wide terminal, tabs on a narrow one.
  const headerRows = info.note ? 3 : 2;
  const footerRows = 2;
  const bodyHeight = Math.max(4, rows - headerRows - footerRows);
  const gridCols = columns >= 160 && rows >= 30 ? 3 : columns >= 120 && rows >= 36 ? 2 : 1;
  const feedRows = gridCols === 1 ? (rows >= 36 ? Math.min(12, Math.floor(rows / 4)) : 1) : 0;
  const listHeight = gridCols === 1 ? Math.max(2, bodyHeight - 1 - feedRows) : 0;
  const gridRows = Math.ceil((PANELS.length + 1) / gridCols);
  const cellWidth = Math.floor(columns / gridCols) - (gridCols > 1 ? 1 : 0);
  const cellHeight = Math.floor(bodyHeight / gridRows);
  const focusedListHeight = gridCols === 1 ? listHeight : cellHeight - 1;

  // Before the user moves, the cursor still follows the finding it was shown on, so a
  // new finding arriving above it does not change what Enter opens.
  type Shown = { want: string | undefined; id: string | undefined; at: number; list: readonly Finding[] };
  const shown = useRef<Partial<Record<Panel, Shown>>>({});
  const indexIn = (p: Panel) => {
    const last = shown.current[p];
    const want = selectedId[p] ?? last?.id;
    const list = lists[p];
    // The last answer, or the row it was on, before a search: a search of a 200,000-row list per render adds up.
    let at = last?.at ?? 0;
    if (!(last?.list === list && last.want === want) && list[at]?.id !== want) {
      const f = want === undefined ? undefined : byId.get(want);
      at = Math.max(0, f ? positionIn(list, f, snap.firstSeen, MAX_RANKED) : 0);
    }
    shown.current[p] = { want, id: list[at]?.id, at, list };
    return at;
  };
  const selected = indexIn(panel);
  const current = lists[panel][selected];
  const screen = stack[stack.length - 1];

  const paneWidth = columns;
  const paneLines: Line[] = useMemo(() => {
    if (!screen) return [];
    // Patch files, kubectl lines and who-can paths are wrapped, never cut; YAML and detail keep one line per line.
    const wrapped = screen.kind !== "detail" && screen.kind !== "yaml";
    const lines = linesOf(screen);
    return wrapped ? wrapLines(lines, paneWidth) : lines;
  }, [screen, snap, byId, store, catalog, paneWidth, patchDir]);
  function linesOf(screen: Screen): Line[] {
    switch (screen.kind) {
      case "detail":
        return detailLines({
          ref: screen.ref,
          finding: screen.findingId ? byId.get(screen.findingId) : undefined,
          store,
          result: snap.result,
          catalog,
          width: paneWidth,
          ...(screen.filter ? { filter: screen.filter } : {}),
        });
      case "yaml":
        return yamlScreenLines(
          store.getByName(screen.ref.kind, screen.ref.namespace, screen.ref.name),
          screen.ref,
          screen.path,
        );
      case "patch": {
        const fs = screen.ids.map((id) => byId.get(id)).filter((f): f is Finding => !!f);
        return patchLines(
          planPatches(fs, store, snap.result.models, patchDir, snap.result.findings),
          fs.length,
          patchDir,
          fs,
        );
      }
      case "written":
        return writtenLines(screen.patches, patchDir, screen.error);
      case "whocan": {
        const rbac = snap.result.models.rbac;
        const q = parseCommand(`can ${screen.text}`);
        return whoCanLines(screen.text, rbac && q.type === "can" ? rbac.whoCan(q.query) : undefined);
      }
      case "reach": {
        const net = snap.result.models.network;
        const q = parseCommand(`reach ${screen.text}`);
        if (!net?.reach || q.type !== "reach") return reachLines(screen.text, undefined, undefined);
        const port = q.port;
        const into = net.reach({ to: q.target, ...(port ? { port } : {}) });
        const out = net.reach({ from: q.target, ...(port ? { port } : {}) });
        return reachLines(screen.text, { into, out }, port);
      }
      case "help":
        return helpLines(patchDir);
      case "contain":
        return containLines(screen.bundle, screen.dir);
      case "contained":
        return containedLines(screen.dir, screen.written, screen.error);
    }
  }
  const paneHeight = bodyHeight;

  const updateTop = (patch: Partial<Screen>) =>
    setStack((s) => (s.length ? [...s.slice(0, -1), { ...s[s.length - 1]!, ...patch } as Screen] : s));
  const push = (next: Screen) => setStack((s) => [...s, next]);
  const pop = () => setStack((s) => s.slice(0, -1));

  const select = (index: number) => {
    const list = lists[panel];
    const f = list[Math.max(0, Math.min(list.length - 1, index))];
    if (f) setSelectedId((s) => ({ ...s, [panel]: f.id }));
  };
  const switchPanel = (p: Panel) => {
    setPanel(p);
    setStack([]);
  };

  const openFinding = (f: Finding) => {
    push({ kind: "detail", ref: f.resource, findingId: f.id, top: 0, cursor: undefined });
  };
  const openRef = (ref: ResourceRef) => push({ kind: "detail", ref, top: 0, cursor: undefined });

  /** The findings p and w act on: the marked ones, else the one in view. */
  const targetFindings = (): Finding[] => {
    if (screen?.kind === "patch") return screen.ids.map((id) => byId.get(id)).filter((f): f is Finding => !!f);
    if (screen?.kind === "detail") {
      const f = screen.findingId ? byId.get(screen.findingId) : undefined;
      return f ? [f] : [];
    }
    if (!screen && marked.size) return [...marked].map((id) => byId.get(id)).filter((f): f is Finding => !!f);
    return current ? [current] : [];
  };

  /** `c`: the pod under the cursor, the detail's pod, or the selected finding's pod. */
  const containNow = () => {
    const at = screen && "cursor" in screen ? (screen.cursor ?? firstAction(paneLines)) : undefined;
    const row = at !== undefined ? paneLines[at]?.action?.ref : undefined;
    const ref = pickPod([
      row,
      screen?.kind === "detail" ? screen.ref : undefined,
      screen ? undefined : current?.resource,
    ]);
    const out = prepareContainment(store, snap.result, ref, patchDir, info);
    if ("error" in out) return setFlash({ text: out.error, bad: true });
    push({ kind: "contain", bundle: out.bundle, dir: out.dir, top: 0 });
  };

  const writeNow = () => {
    if (screen?.kind === "contain") {
      const r = writeContainment(screen.bundle, screen.dir);
      push({ kind: "contained", dir: screen.dir, ...r, top: 0 });
      if (r.written) controller.note(`wrote containment bundle to ${r.written.dir}/`);
      return;
    }
    if (screen?.kind === "contained") return;
    const fs = targetFindings();
    if (!fs.length) return setFlash({ text: "nothing to write: no finding selected", bad: true });
    try {
      const written = writeFindingPatches(fs, store, snap.result.models, patchDir, snap.result.findings);
      push({ kind: "written", patches: written, top: 0 });
      if (written.length) controller.note(`wrote ${written.length} patch file(s) to ${patchDir}/`);
    } catch (err) {
      push({ kind: "written", patches: [], error: (err as Error).message, top: 0 });
    }
  };

  const runCommand = (text: string) => {
    const cmd = parseCommand(text);
    switch (cmd.type) {
      case "quit":
        return exit();
      case "help":
        return push({ kind: "help", top: 0 });
      case "panel":
        return switchPanel(cmd.panel);
      case "ns": {
        setScope(cmd.namespace);
        setStack([]);
        if (cmd.namespace && !store.namespaces().includes(cmd.namespace))
          setFlash({ text: `no namespace ${cmd.namespace} in the store (scoped anyway)`, bad: true });
        else
          setFlash({
            text: cmd.namespace ? `scoped to namespace ${cmd.namespace} (:ns all clears)` : "all namespaces",
          });
        return;
      }
      case "ctx": {
        setFlash({ text: `switching to context ${cmd.name}…` });
        session.switchContext(cmd.name).then(
          () => setFlash({ text: `context ${cmd.name}` }),
          (err: unknown) =>
            setFlash({ text: `cannot switch to ${cmd.name}: ${(err as Error)?.message ?? err}`, bad: true }),
        );
        return;
      }
      case "can":
        if (!snap.result.models.rbac)
          return setFlash({ text: "RBAC engine not loaded: who-can has no answer", bad: true });
        return push({ kind: "whocan", text: cmd.text, top: 0, cursor: undefined });
      case "reach":
        return push({ kind: "reach", text: cmd.text, top: 0, cursor: undefined });
      case "error":
        return setFlash({ text: cmd.message, bad: true });
    }
  };

  const completionSources = () => {
    return { namespaces: store.namespaces(), contexts: session.contexts() };
  };

  const paneKeys = (input: string, key: Parameters<Parameters<typeof useInput>[0]>[1]) => {
    if (!screen) return;
    const top = clampTop(screen.top, paneLines.length, paneHeight);
    const cursor = "cursor" in screen ? (screen.cursor ?? firstAction(paneLines)) : undefined;
    const visible = (i: number | undefined) => i !== undefined && i >= top && i < top + paneHeight;
    if (input === "j" || key.downArrow) {
      const next = firstAction(paneLines, (cursor ?? -1) + 1);
      if (next !== undefined && (visible(next) || (cursor !== undefined && !visible(cursor) && next >= top))) {
        updateTop({ cursor: next, top: next >= top + paneHeight ? next - paneHeight + 1 : top } as Partial<Screen>);
      } else updateTop({ top: clampTop(top + 1, paneLines.length, paneHeight) });
    } else if (input === "k" || key.upArrow) {
      const prev = cursor !== undefined ? lastActionBefore(paneLines, cursor) : undefined;
      if (prev !== undefined && prev >= top - 1)
        updateTop({ cursor: prev, top: Math.min(prev, top) } as Partial<Screen>);
      else updateTop({ top: Math.max(0, top - 1) });
    } else if (key.pageDown || input === " ")
      updateTop({ top: clampTop(top + paneHeight - 1, paneLines.length, paneHeight) });
    else if (key.pageUp) updateTop({ top: Math.max(0, top - paneHeight + 1) });
    else if (input === "g" || key.home)
      updateTop({ top: 0, ...(cursor !== undefined ? { cursor: firstAction(paneLines) } : {}) } as Partial<Screen>);
    else if (input === "G" || key.end) updateTop({ top: clampTop(paneLines.length, paneLines.length, paneHeight) });
    else if (key.return && cursor !== undefined && visible(cursor)) {
      const action = paneLines[cursor]?.action;
      const f = action?.findingId ? byId.get(action.findingId) : undefined;
      if (f) openFinding(f);
      else if (action?.reach) push({ kind: "reach", text: action.reach, top: 0, cursor: undefined });
      else if (action?.ref) openRef(action.ref);
    }
  };

  useInput((input, key) => {
    setFlash(undefined);
    if (key.ctrl && input === "c") return exit();
    if (prompt.active) return prompt.input(input, key);
    if (mode === "filter" && screen?.kind === "detail") {
      // `/` in a detail filters its lists (an image's CVEs): the text lives on the screen.
      const text = screen.filter ?? "";
      if (key.escape) {
        updateTop({ filter: "", top: 0 });
        setMode("normal");
      } else if (key.return) setMode("normal");
      else if (key.backspace || key.delete) updateTop({ filter: text.slice(0, -1), top: 0 });
      else if (input && !key.ctrl && !key.meta && !key.tab) updateTop({ filter: text + input, top: 0 });
      return;
    }
    if (mode === "filter") {
      const text = filters[panel] ?? "";
      if (key.escape) {
        setFilters((f) => ({ ...f, [panel]: "" }));
        setMode("normal");
      } else if (key.return) setMode("normal");
      else if (key.backspace || key.delete) setFilters((f) => ({ ...f, [panel]: text.slice(0, -1) }));
      else if (input && !key.ctrl && !key.meta && !key.tab) setFilters((f) => ({ ...f, [panel]: text + input }));
      return;
    }
    if (mode === "command") {
      if (key.escape) setMode("normal");
      else if (key.return) {
        setMode("normal");
        runCommand(command);
      } else if (key.tab) {
        const c = complete(command, completionSources());
        setCommand(c.line);
        if (c.candidates.length) setFlash({ text: c.candidates.join("  ") });
      } else if (key.backspace || key.delete) setCommand((c) => c.slice(0, -1));
      else if (input && !key.ctrl && !key.meta) setCommand((c) => c + input);
      return;
    }
    if (input === "q") return exit();
    if (input === "?") return screen?.kind === "help" ? pop() : push({ kind: "help", top: 0 });
    if (input === ":") {
      setCommand("");
      return setMode("command");
    }
    if (key.escape) {
      if (screen) return pop();
      if (filters[panel]) return setFilters((f) => ({ ...f, [panel]: "" }));
      if (marked.size) return setMarked(new Set());
      return;
    }
    if (/^[1-6]$/.test(input)) return switchPanel(PANELS[Number(input) - 1]!);
    if (input === "p") {
      const fs = targetFindings();
      if (!fs.length) return setFlash({ text: "no finding selected", bad: true });
      if (screen?.kind === "patch") return;
      return push({ kind: "patch", ids: fs.map((f) => f.id), top: 0 });
    }
    if (input === "w") return writeNow();
    if (input === "x") {
      const fs = targetFindings();
      if (!fs.length) return setFlash({ text: "no finding selected", bad: true });
      return prompt.open(fs.map((f) => f.id));
    }
    if (input === "a") {
      controller.setShowAccepted(!snap.showAccepted);
      return setFlash({ text: snap.showAccepted ? "accepted findings hidden" : "accepted findings shown (dimmed)" });
    }
    if (input === "c") return containNow();
    if (input === "y") {
      if (screen?.kind === "detail") {
        const f = screen.findingId ? byId.get(screen.findingId) : undefined;
        return push({ kind: "yaml", ref: screen.ref, ...(f?.path ? { path: f.path } : {}), top: 0 });
      }
      if (!screen && current)
        return push({ kind: "yaml", ref: current.resource, ...(current.path ? { path: current.path } : {}), top: 0 });
      return;
    }
    if (screen) {
      if (input === "/" && screen.kind === "detail") return setMode("filter");
      if (key.tab)
        return switchPanel(PANELS[(PANELS.indexOf(panel) + (key.shift ? PANELS.length - 1 : 1)) % PANELS.length]!);
      return paneKeys(input, key);
    }
    // The panel lists.
    if (input === "/") return setMode("filter");
    // Keys typed while a frame is being computed arrive as one chunk ("jjjk"): move by the net count.
    if (input.length > 1 && /^[jk]+$/.test(input)) {
      const down = input.split("").filter((c) => c === "j").length;
      return select(selected + down - (input.length - down));
    }
    if (input === "j" || key.downArrow) select(selected + 1);
    else if (input === "k" || key.upArrow) select(selected - 1);
    else if (input === "g" || key.home) select(0);
    else if (input === "G" || key.end) select(lists[panel].length - 1);
    else if (key.pageDown) select(selected + focusedListHeight);
    else if (key.pageUp) select(selected - focusedListHeight);
    else if (key.tab) setPanel(PANELS[(PANELS.indexOf(panel) + (key.shift ? PANELS.length - 1 : 1)) % PANELS.length]!);
    else if (key.return && current) openFinding(current);
    else if (input === "i" && panel === "images") {
      setByImage((b) => !b);
      setFlash({
        text: byImage ? "images panel: workload rows" : "images panel: image rows (i: back to workload rows)",
      });
    } else if (input === " " && current) {
      setMarked((m) => {
        const next = new Set(m);
        if (next.has(current.id)) next.delete(current.id);
        else next.add(current.id);
        return next;
      });
      select(selected + 1);
    }
  });

  // Keep the pane's top in range when the screen's content changes.
  const paneTop = screen ? clampTop(screen.top, paneLines.length, paneHeight) : 0;
  const paneCursor = screen && "cursor" in screen ? (screen.cursor ?? firstAction(paneLines)) : undefined;
  // A finding's detail opens scrolled so the evidence is in view (it is near the top by construction).

  const panelCounts = Object.fromEntries(PANELS.map((p) => [p, lists[p].length])) as Record<Panel, number>;
  const filterText = filters[panel] ?? "";

  const statusLine = (): { text: string; tone?: string | undefined } => {
    if (prompt.active) return { text: prompt.line(), tone: color("yellow") };
    if (mode === "filter" && screen?.kind === "detail")
      return { text: `/${screen.filter ?? ""}▏  filters this detail's lists · Enter keep · Esc clear` };
    if (mode === "filter") return { text: `/${filterText}▏  ${lists[panel].length} match · Enter keep · Esc clear` };
    if (mode === "command")
      return { text: `:${command}▏  ${flash ? flash.text : "Tab completes · Enter runs · Esc cancels"}` };
    if (flash) return { text: flash.text, tone: flash.bad ? color("yellow") : color("green") };
    const hints = screen
      ? "Esc back · j/k move · Enter open · p patch · w write · y yaml · ? help"
      : "? help · Enter why · p patch · w write · / filter · : cmd · q quit";
    const extras = [
      marked.size ? `${marked.size} marked` : "",
      filterText ? `filter "${filterText}"` : "",
      scope ? `ns ${scope}` : "",
    ]
      .filter(Boolean)
      .join(" · ");
    return { text: [extras, hints].filter(Boolean).join(" · ") };
  };
  const status = statusLine();

  const messageLine = (): string => {
    if (screen) {
      const names: Record<Screen["kind"], string> = {
        detail: "detail",
        yaml: "yaml",
        patch: "patch preview",
        written: "patches written",
        whocan: "who can",
        reach: "reach",
        help: "help",
        contain: "containment plan",
        contained: "bundle written",
      };
      const crumbs = stack.map((s) => names[s.kind]).join(" › ");
      return `${PANEL_TITLES[panel]} › ${crumbs}`;
    }
    return current ? `${current.title}: ${current.message}` : " ";
  };

  const latest = snap.activity[0];
  const header = (
    <Header
      info={info}
      counts={counts}
      statuses={store.statuses()}
      lastEventAt={store.lastEventAt}
      width={columns}
      scope={scope}
      accepted={snap.accepted}
    />
  );

  // Panels whose kinds could not be read say so instead of "no findings" (issue 14).
  const gapText = panelGapText(session.gaps());
  let body: ReactNode;
  if (screen) {
    body = <Pane lines={paneLines} top={paneTop} height={paneHeight} width={paneWidth} cursor={paneCursor} />;
  } else if (gridCols === 1) {
    const list = lists[panel];
    body = (
      <Box flexDirection="column" height={bodyHeight}>
        <PanelTabs focused={panel} counts={panelCounts} />
        <FindingList
          findings={list}
          selected={selected}
          top={windowTop(selected, list.length, listHeight)}
          height={listHeight}
          width={columns}
          marked={marked}
          decorate={decorate}
          {...(panel === "images" && imageGroups ? { labelOf: imageLabel } : {})}
          empty={
            filterText
              ? `no finding matches "${filterText}"`
              : (gapText[panel] ?? (scope ? `no findings in ${scope}` : undefined))
          }
        />
        {feedRows > 1 ? (
          <ActivityFeed activity={snap.activity} height={feedRows} width={columns} />
        ) : (
          <Text color={color("gray")} wrap="truncate">
            {clip(latest ? `${clock(latest.at)} ${latest.text}` : "watching… nothing changed yet", columns)}
          </Text>
        )}
      </Box>
    );
  } else {
    const cells = [...PANELS, "activity" as const];
    const gridLines: ReactNode[] = [];
    for (let r = 0; r < gridRows; r++) {
      const rowCells = cells.slice(r * gridCols, r * gridCols + gridCols);
      gridLines.push(
        <Box key={r} flexDirection="row" height={cellHeight}>
          {rowCells.map((c) => {
            if (c === "activity")
              return (
                <Box key={c} width={cellWidth} marginRight={1} flexDirection="column">
                  <ActivityFeed activity={snap.activity} height={cellHeight} width={cellWidth} />
                </Box>
              );
            const list = lists[c];
            const idx = indexIn(c);
            const focused = c === panel;
            const title = `${PANELS.indexOf(c) + 1} ${PANEL_TITLES[c]} (${list.length})${filters[c] ? ` /${filters[c]}` : ""}`;
            return (
              <Box key={c} width={cellWidth} marginRight={1} flexDirection="column">
                <Text inverse={focused} bold={focused} color={focused ? undefined : color("gray")} wrap="truncate">
                  {padTo(`${focused ? "▶" : " "}${title}`, cellWidth)}
                </Text>
                <FindingList
                  findings={list}
                  selected={idx}
                  top={windowTop(idx, list.length, cellHeight - 1)}
                  height={cellHeight - 1}
                  width={cellWidth}
                  marked={marked}
                  decorate={decorate}
                  focused={focused}
                  {...(c === "images" && imageGroups ? { labelOf: imageLabel } : {})}
                  {...(gapText[c] ? { empty: gapText[c] } : {})}
                />
              </Box>
            );
          })}
        </Box>,
      );
    }
    body = (
      <Box flexDirection="column" height={bodyHeight}>
        {gridLines}
      </Box>
    );
  }

  return (
    <Box flexDirection="column" width={columns} height={rows}>
      {header}
      {body}
      <Text wrap="truncate" bold={!screen}>
        {clip(messageLine(), columns)}
      </Text>
      <Text wrap="truncate" color={status.tone ?? color("gray")}>
        {clip(status.text, columns)}
      </Text>
    </Box>
  );
}

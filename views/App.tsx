import { Box, useApp, useInput } from "ink";
import { useMemo, useState } from "react";
import type { Panel } from "../src/analysis/finding.js";
import { checkCatalog } from "../src/analysis/registry.js";
import { AcceptInputError, acceptFindings, defaultAccepter } from "../src/app/accept.js";
import { findingsOf } from "../src/app/actions.js";
import type { Controller } from "../src/app/controller.js";
import { panelGapText } from "../src/app/panel-gaps.js";
import { useAcceptPrompt } from "./AcceptPrompt.js";
import { actionsOf } from "./actions.js";
import { CommandLine } from "./CommandLine.js";
import { FilterLine } from "./FilterLine.js";
import { Header } from "./Header.js";
import { useFindingMarks } from "./marks.js";
import { clampTop, type Line, Pane } from "./Pane.js";
import { PanelBody } from "./PanelBody.js";
import { MessageLine, StatusLine } from "./StatusBar.js";
import { firstAction, screenLines } from "./screen.js";
import type { Flash, Mode, Ui } from "./ui.js";
import { useLayout } from "./useLayout.js";
import { useNormalKeys } from "./useNormalKeys.js";
import { usePanelLists } from "./usePanelLists.js";
import { useScreenStack } from "./useScreenStack.js";
import { useSelection } from "./useSelection.js";
import { useSnapshot } from "./useSnapshot.js";

export type { Screen } from "./screen.js";

export interface AppProps {
  controller: Controller;
  /** Where `w` writes patch files. */
  patchDir?: string;
  /** Where `x` appends accepted risks (default ./.kubeward.yaml). */
  configPath?: string;
}

/** Who `x` records as accepting, by default (read once: the login name does not change). */
const accepter = defaultAccepter();

export function App({ controller, patchDir = "kubeward-patches", configPath = ".kubeward.yaml" }: AppProps) {
  const snap = useSnapshot(controller);
  const { exit } = useApp();
  const session = controller.session;
  const store = session.store;
  const info = session.source.info;
  const catalog = checkCatalog();
  const layout = useLayout(!!info.note);
  const { columns, rows, bodyHeight } = layout;

  const [panel, setPanel] = useState<Panel>("pods");
  const [filters, setFilters] = useState<Partial<Record<Panel, string>>>({});
  const [scope, setScope] = useState<string | undefined>(undefined);
  const [marked, setMarked] = useState<ReadonlySet<string>>(new Set());
  const nav = useScreenStack();
  const [mode, setMode] = useState<Mode>("normal");
  const [command, setCommand] = useState("");
  const [flash, setFlash] = useState<Flash | undefined>(undefined);

  // `i` on the images panel: image rows.
  const [byImage, setByImage] = useState(false);
  const { lists, counts, imageLabel } = usePanelLists(snap, session.store, {
    scope,
    filters,
    panel,
    filtering: mode === "filter",
    byImage,
  });
  const byId = snap.byId;
  const decorate = useFindingMarks(snap);
  const prompt = useAcceptPrompt((ids, reason, expires, by) => {
    const fs = findingsOf(ids, byId);
    try {
      const r = acceptFindings(session, configPath, fs, { reason, expires, by });
      setMarked(new Set());
      controller.note(`accepted ${fs.length} finding(s): ${r.written} exception(s) → ${r.file}`);
      for (const p of r.problems) controller.note(`config problem: ${p.file}:${p.line}: ${p.message}`, "status");
      controller.refresh();
      return undefined;
    } catch (err) {
      return err instanceof AcceptInputError ? err.message : `cannot write ${configPath}: ${(err as Error).message}`;
    }
  }, accepter);

  const sel = useSelection(lists, byId, snap.firstSeen);
  const selected = sel.indexIn(panel);
  const current = lists[panel][selected];
  const screen = nav.screen;

  const paneLines: Line[] = useMemo(
    () => (screen ? screenLines(screen, { store, result: snap.result, byId, catalog, width: columns, patchDir }) : []),
    [screen, snap, byId, store, catalog, columns, patchDir],
  );

  const ui: Ui = {
    controller,
    snap,
    patchDir,
    exit,
    layout,
    nav,
    sel,
    panel,
    setPanel,
    lists,
    selected,
    current,
    filters,
    setFilters,
    marked,
    setMarked,
    byImage,
    setByImage,
    setScope,
    setMode,
    setCommand,
    setFlash,
    paneLines,
    prompt,
  };
  const act = actionsOf(ui);
  useInput((input, key) => {
    if (key.ctrl && input === "c") exit();
  });
  useInput(
    (input, key) => {
      setFlash(undefined);
      prompt.input(input, key);
    },
    { isActive: prompt.active },
  );
  useNormalKeys(ui, act, mode === "normal" && !prompt.active);

  // Keep the pane's top in range when the screen's content changes.
  const paneTop = screen ? clampTop(screen.top, paneLines.length, bodyHeight) : 0;
  const paneCursor = screen && "cursor" in screen ? (screen.cursor ?? firstAction(paneLines)) : undefined;
  const filterText = filters[panel] ?? "";
  const detail = screen?.kind === "detail" ? screen : undefined;

  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Header
        info={info}
        counts={counts}
        statuses={store.statuses()}
        lastEventAt={store.lastEventAt}
        width={columns}
        scope={scope}
        accepted={snap.accepted}
      />
      {screen ? (
        <Pane lines={paneLines} top={paneTop} height={bodyHeight} width={columns} cursor={paneCursor} />
      ) : (
        <PanelBody
          layout={layout}
          panel={panel}
          lists={lists}
          selected={selected}
          indexIn={sel.indexIn}
          filters={filters}
          scope={scope}
          marked={marked}
          decorate={decorate}
          imageLabel={imageLabel}
          gapText={panelGapText(session.gaps())}
          activity={snap.activity}
        />
      )}
      <MessageLine panel={panel} stack={nav.stack} current={current} width={columns} />
      <FilterLine
        active={mode === "filter"}
        text={detail ? (detail.filter ?? "") : filterText}
        hint={detail ? "filters this detail's lists" : `${lists[panel].length} match`}
        width={columns}
        onKey={() => setFlash(undefined)}
        onChange={(text) =>
          detail ? nav.updateTop({ filter: text, top: 0 }) : setFilters((f) => ({ ...f, [panel]: text }))
        }
        onClose={() => setMode("normal")}
      />
      <CommandLine
        active={mode === "command"}
        line={command}
        setLine={setCommand}
        flash={flash?.text}
        setFlash={(text) => setFlash(text === undefined ? undefined : { text })}
        width={columns}
        sources={() => ({ namespaces: store.namespaces(), contexts: session.contexts() })}
        onRun={act.runCommand}
        onClose={() => setMode("normal")}
      />
      {mode === "normal" && (
        <StatusLine
          prompt={prompt.active ? prompt.line() : undefined}
          flash={flash}
          onScreen={!!screen}
          marked={marked.size}
          filter={filterText}
          scope={scope}
          width={columns}
        />
      )}
    </Box>
  );
}

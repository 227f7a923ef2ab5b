import { Box, Text, useApp, useInput, useWindowSize } from "ink";
import { useEffect, useMemo, useState } from "react";
import { type Finding, PANELS, type Panel, severityRank } from "../src/analysis/finding.js";
import type { Controller, Snapshot } from "../src/app/controller.js";
import { severityCounts } from "../src/report/text.js";
import { FindingList } from "./FindingList.js";
import { Header } from "./Header.js";
import { PanelTabs } from "./PanelTabs.js";
import { clip, clock } from "./text.js";
import { color } from "./theme.js";

function useSnapshot(controller: Controller): Snapshot {
  const [snap, setSnap] = useState(controller.current);
  useEffect(() => controller.subscribe(setSnap), [controller]);
  return snap;
}

/** Panel order: severity, then the most recently appeared first. */
export function panelFindings(snap: Snapshot, panel: Panel): Finding[] {
  return snap.result.findings
    .filter((f) => f.panel === panel)
    .sort(
      (a, b) =>
        severityRank(a.severity) - severityRank(b.severity) ||
        (snap.firstSeen.get(b.id) ?? 0) - (snap.firstSeen.get(a.id) ?? 0),
    );
}

export function App({ controller }: { controller: Controller }) {
  const snap = useSnapshot(controller);
  const { exit } = useApp();
  const { columns, rows } = useWindowSize();
  const [panel, setPanel] = useState<Panel>("pods");
  // Selection is kept by finding id, so it stays on the same finding when rows move.
  const [selectedId, setSelectedId] = useState<Record<string, string | undefined>>({});
  const findings = useMemo(() => panelFindings(snap, panel), [snap, panel]);
  const counts = useMemo(() => severityCounts(snap.result), [snap]);
  const panelCounts = useMemo(() => {
    const c = Object.fromEntries(PANELS.map((p) => [p, 0])) as Record<Panel, number>;
    for (const f of snap.result.findings) c[f.panel]++;
    return c;
  }, [snap]);
  const store = controller.session.store;
  const info = controller.session.source.info;

  const found = findings.findIndex((f) => f.id === selectedId[panel]);
  const selected = Math.max(found, 0);
  const headerRows = info.note ? 3 : 2;
  const listHeight = Math.max(3, rows - headerRows - 4);
  const top = Math.max(0, Math.min(selected - Math.floor(listHeight / 2), findings.length - listHeight));

  const select = (index: number) => {
    const f = findings[Math.max(0, Math.min(findings.length - 1, index))];
    if (f) setSelectedId((s) => ({ ...s, [panel]: f.id }));
  };

  useInput((input, key) => {
    if (input === "q" || (key.ctrl && input === "c")) exit();
    else if (input === "j" || key.downArrow) select(selected + 1);
    else if (input === "k" || key.upArrow) select(selected - 1);
    else if (input === "g") select(0);
    else if (input === "G") select(findings.length - 1);
    else if (key.pageDown) select(selected + listHeight);
    else if (key.pageUp) select(selected - listHeight);
    else if (key.tab) setPanel(PANELS[(PANELS.indexOf(panel) + (key.shift ? PANELS.length - 1 : 1)) % PANELS.length]!);
    else if (/^[1-5]$/.test(input)) setPanel(PANELS[Number(input) - 1]!);
  });

  const current = findings[selected];
  const latest = snap.activity[0];
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Header info={info} counts={counts} statuses={store.statuses()} lastEventAt={store.lastEventAt} width={columns} />
      <PanelTabs focused={panel} counts={panelCounts} />
      <FindingList findings={findings} selected={selected} top={top} height={listHeight} width={columns} />
      <Text wrap="truncate">{current ? clip(current.message, columns) : " "}</Text>
      <Text wrap="truncate" color={color("gray")}>
        {latest ? clip(`${clock(latest.at)} ${latest.text}`, columns - 30) : "watching…"}
        {"  j/k move · 1-5 panel · q quit"}
      </Text>
    </Box>
  );
}

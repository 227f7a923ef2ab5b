// The panel lists: tabs and one list on a narrow terminal, a grid of lists (and the
// activity feed) on a wide one.
import { Box, Text } from "ink";
import type { ReactNode } from "react";
import { type Finding, PANEL_TITLES, PANELS, type Panel } from "../src/analysis/finding.js";
import type { Activity } from "../src/app/controller.js";
import type { PanelLists } from "../src/app/panels.js";
import { ActivityFeed } from "./Activity.js";
import { FindingList, windowTop } from "./FindingList.js";
import type { useFindingMarks } from "./marks.js";
import { PanelTabs } from "./PanelTabs.js";
import { clip, clock, padTo } from "./text.js";
import { color } from "./theme.js";
import type { Layout } from "./useLayout.js";

export interface PanelBodyProps {
  layout: Layout;
  panel: Panel;
  lists: PanelLists;
  /** The focused panel's selected row. */
  selected: number;
  /** The selected row of another panel (the grid shows them all). */
  indexIn(p: Panel): number;
  filters: Partial<Record<Panel, string>>;
  scope: string | undefined;
  marked: ReadonlySet<string>;
  decorate: ReturnType<typeof useFindingMarks>;
  /** Image rows' labels on the images panel (`i`). */
  imageLabel: ((f: Finding) => string) | undefined;
  /** Panels whose kinds could not be read say so instead of "no findings" (issue 14). */
  gapText: Partial<Record<Panel, string>>;
  activity: readonly Activity[];
}

export function PanelBody(props: PanelBodyProps) {
  return props.layout.gridCols === 1 ? <PanelTabsBody {...props} /> : <PanelGrid {...props} />;
}

function PanelTabsBody({
  layout,
  panel,
  lists,
  selected,
  filters,
  scope,
  marked,
  decorate,
  imageLabel,
  gapText,
  activity,
}: PanelBodyProps) {
  const { columns, bodyHeight, listHeight, feedRows } = layout;
  const list = lists[panel];
  const filterText = filters[panel] ?? "";
  const panelCounts = Object.fromEntries(PANELS.map((p) => [p, lists[p].length])) as Record<Panel, number>;
  const latest = activity[0];
  return (
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
        {...(panel === "images" && imageLabel ? { labelOf: imageLabel } : {})}
        empty={
          filterText
            ? `no finding matches "${filterText}"`
            : (gapText[panel] ?? (scope ? `no findings in ${scope}` : undefined))
        }
      />
      {feedRows > 1 ? (
        <ActivityFeed activity={activity} height={feedRows} width={columns} />
      ) : (
        <Text color={color("gray")} wrap="truncate">
          {clip(latest ? `${clock(latest.at)} ${latest.text}` : "watching… nothing changed yet", columns)}
        </Text>
      )}
    </Box>
  );
}

function PanelGrid({
  layout,
  panel,
  lists,
  indexIn,
  filters,
  marked,
  decorate,
  imageLabel,
  gapText,
  activity,
}: PanelBodyProps) {
  const { gridCols, gridRows, cellWidth, cellHeight, bodyHeight } = layout;
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
                <ActivityFeed activity={activity} height={cellHeight} width={cellWidth} />
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
                {...(c === "images" && imageLabel ? { labelOf: imageLabel } : {})}
                {...(gapText[c] ? { empty: gapText[c] } : {})}
              />
            </Box>
          );
        })}
      </Box>,
    );
  }
  return (
    <Box flexDirection="column" height={bodyHeight}>
      {gridLines}
    </Box>
  );
}

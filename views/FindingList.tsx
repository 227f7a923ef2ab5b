import { Box, Text } from "ink";
import { memo } from "react";
import type { Finding } from "../src/analysis/finding.js";
import { refLabel } from "../src/cluster/objects.js";
import type { FindingMark } from "./marks.js";
import { padTo } from "./text.js";
import { SEVERITY_TAGS, severityColor } from "./theme.js";

export interface FindingListProps {
  findings: readonly Finding[];
  selected: number;
  top: number;
  height: number;
  width: number;
  /** Marked (space) finding ids. */
  marked?: ReadonlySet<string>;
  /** Whether this list has the keyboard (the cursor is only drawn there). */
  focused?: boolean;
  empty?: string;
  /** Accepted (dimmed, with the reason) and new-since-baseline marks, when there are any. */
  decorate?: ((f: Finding) => FindingMark | undefined) | undefined;
  /** The row's label instead of the workload (the images panel by image: "image ← workload"). */
  labelOf?: ((f: Finding) => string) | undefined;
}

const Row = memo(function Row({
  finding,
  active,
  marked,
  width,
  accepted,
  isNew,
  label,
}: {
  finding: Finding;
  active: boolean;
  marked: boolean;
  width: number;
  accepted?: string | undefined;
  isNew?: boolean | undefined;
  label?: string | undefined;
}) {
  const subject = label ?? `${refLabel(finding.resource)}${finding.container ? ` [${finding.container}]` : ""}`;
  const where = `${subject}${accepted === undefined ? "" : ` — accepted: ${accepted}`}`;
  const checkWidth = Math.min(28, Math.max(10, Math.floor(width * 0.32)));
  const rest = width - 7 - checkWidth - 1;
  // One <Text> per row keeps Ink's layout work small; the marker column works without colour.
  return (
    <Text inverse={active} color={severityColor(finding.severity)} dimColor={accepted !== undefined} wrap="truncate">
      {`${active ? ">" : " "}${marked ? "*" : isNew ? "+" : " "}${SEVERITY_TAGS[finding.severity]} ${padTo(finding.check, checkWidth)} ${padTo(where, rest)}`}
    </Text>
  );
});

export const FindingList = memo(function FindingList({
  findings,
  selected,
  top,
  height,
  width,
  marked,
  focused = true,
  empty = "no findings in this panel",
  decorate,
  labelOf,
}: FindingListProps) {
  const rows = findings.slice(top, top + height);
  // Clipped vertically only: each row is cut to the width already (padTo, wrap="truncate"),
  // and a horizontal clip made Ink measure and re-slice every row again, every frame.
  return (
    <Box flexDirection="column" height={height} overflowY="hidden">
      {rows.length === 0 ? <Text wrap="truncate"> {empty}</Text> : null}
      {rows.map((f, i) => (
        <Row
          key={f.id}
          finding={f}
          active={focused && top + i === selected}
          marked={marked?.has(f.id) ?? false}
          width={width}
          accepted={decorate?.(f)?.accepted}
          isNew={decorate?.(f)?.isNew}
          label={labelOf?.(f)}
        />
      ))}
    </Box>
  );
});

/** First visible row that keeps `selected` in view, centred when it can be. */
export function windowTop(selected: number, total: number, height: number): number {
  return Math.max(0, Math.min(selected - Math.floor(height / 2), total - height));
}

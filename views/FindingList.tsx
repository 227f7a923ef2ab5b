import { Box, Text } from "ink";
import { memo } from "react";
import type { Finding } from "../src/analysis/finding.js";
import { refLabel } from "../src/cluster/objects.js";
import { padTo } from "./text.js";
import { SEVERITY_TAGS, severityColor } from "./theme.js";

export interface FindingListProps {
  findings: readonly Finding[];
  selected: number;
  top: number;
  height: number;
  width: number;
}

const Row = memo(function Row({ finding, active, width }: { finding: Finding; active: boolean; width: number }) {
  const where = `${refLabel(finding.resource)}${finding.container ? ` [${finding.container}]` : ""}`;
  const checkWidth = Math.min(28, Math.floor(width * 0.3));
  const rest = width - 5 - checkWidth - 1;
  // One <Text> per row keeps Ink's layout work small.
  return (
    <Text inverse={active} color={severityColor(finding.severity)} wrap="truncate">
      {`${SEVERITY_TAGS[finding.severity]} ${padTo(finding.check, checkWidth)} ${padTo(where, rest)}`}
    </Text>
  );
});

export const FindingList = memo(function FindingList({ findings, selected, top, height, width }: FindingListProps) {
  const rows = findings.slice(top, top + height);
  return (
    <Box flexDirection="column" height={height}>
      {rows.length === 0 ? <Text> no findings in this panel</Text> : null}
      {rows.map((f, i) => (
        <Row key={f.id} finding={f} active={top + i === selected} width={width} />
      ))}
    </Box>
  );
});

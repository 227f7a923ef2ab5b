import { Box, Text } from "ink";
import { memo } from "react";
import { SEVERITIES, type Severity } from "../src/analysis/finding.js";
import type { SourceInfo } from "../src/cluster/source.js";
import type { KindStatus } from "../src/store/store.js";
import { clip, clock } from "./text.js";
import { color, severityColor } from "./theme.js";

export interface HeaderProps {
  info: SourceInfo;
  counts: Record<Severity, number>;
  statuses: ReadonlyMap<string, KindStatus>;
  lastEventAt: number | undefined;
  width: number;
}

function connection(statuses: ReadonlyMap<string, KindStatus>): { text: string; bad: boolean } {
  const bad = [...statuses].filter(([, s]) => s.state !== "connected");
  if (!bad.length) return { text: `${statuses.size} kinds live`, bad: false };
  const parts = bad.slice(0, 3).map(([k, s]) => `${k} ${s.state}`);
  return { text: `${parts.join(", ")}${bad.length > 3 ? ` +${bad.length - 3}` : ""}`, bad: true };
}

export const Header = memo(function Header({ info, counts, statuses, lastEventAt, width }: HeaderProps) {
  const scope = info.namespace ? `ns ${info.namespace}` : "all namespaces";
  const where = [info.kind, info.context, info.user && `user ${info.user}`, scope].filter(Boolean).join(" · ");
  const conn = connection(statuses);
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold color={color("green")}>
          kubeward
        </Text>
        <Text> {clip(where, Math.max(10, width - 12))}</Text>
      </Text>
      <Text>
        {SEVERITIES.map((s) => (
          <Text key={s} color={severityColor(s)}>
            {`${counts[s]} ${s}  `}
          </Text>
        ))}
        <Text color={color(conn.bad ? "yellow" : "gray")}>{conn.text}</Text>
        <Text color={color("gray")}>{lastEventAt ? ` · last event ${clock(lastEventAt)}` : ""}</Text>
      </Text>
      {info.note ? <Text color={color("yellow")}>{clip(info.note, width)}</Text> : null}
    </Box>
  );
});

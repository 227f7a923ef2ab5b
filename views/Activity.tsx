import { Box, Text } from "ink";
import { memo } from "react";
import type { Activity as Item } from "../src/app/controller.js";
import { clip, clock } from "./text.js";
import { color, severityColor } from "./theme.js";

function itemColor(a: Item): string | undefined {
  if (a.kind === "new") return a.severity ? severityColor(a.severity) : color("yellow");
  if (a.kind === "resolved") return color("green");
  return color("gray");
}

/** The feed of what changed: newest first, one <Text> per line. */
export const ActivityFeed = memo(function ActivityFeed({
  activity,
  height,
  width,
  title = true,
}: {
  activity: readonly Item[];
  height: number;
  width: number;
  title?: boolean;
}) {
  const rows = activity.slice(0, Math.max(0, height - (title ? 1 : 0)));
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {title ? (
        <Text bold wrap="truncate">
          {clip(" Activity (new + / resolved -)", width)}
        </Text>
      ) : null}
      {rows.length === 0 ? <Text color={color("gray")}> watching… nothing changed yet</Text> : null}
      {rows.map((a, i) => (
        <Text key={i} color={itemColor(a)} wrap="truncate">
          {clip(` ${clock(a.at)} ${a.text}`, width)}
        </Text>
      ))}
    </Box>
  );
});

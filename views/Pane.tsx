// A scrollable pane of lines (detail, YAML, patch, help, who-can): one <Text>
// per visible line; lines with an action are selectable with j/k and Enter.
import { Box, Text } from "ink";
import { memo } from "react";
import type { Severity } from "../src/analysis/finding.js";
import type { ResourceRef } from "../src/cluster/objects.js";
import { sanitize } from "../src/util/sanitize.js";
import { clip } from "./text.js";
import { color, severityColor } from "./theme.js";

export type Tone = "title" | "dim" | "hl" | "ok" | "warn" | "key" | Severity;

export interface Line {
  text: string;
  tone?: Tone;
  /** Enter on this line drills into an object or a finding. */
  /** Enter: open the object, the finding, or the `:reach` answer for a workload (NS/KIND/NAME). */
  action?: { ref?: ResourceRef; findingId?: string; reach?: string };
}

export interface PaneProps {
  lines: readonly Line[];
  /** First visible line. */
  top: number;
  height: number;
  width: number;
  /** Index into `lines` of the selected line, if any. */
  cursor?: number;
}

function toneColor(tone: Tone | undefined): string | undefined {
  switch (tone) {
    case undefined:
    case "title":
      return undefined;
    case "dim":
      return color("gray");
    case "hl":
      return color("yellow");
    case "ok":
      return color("green");
    case "warn":
      return color("yellow");
    case "key":
      return color("cyan");
    default:
      return severityColor(tone);
  }
}

const PaneLine = memo(function PaneLine({ line, active, width }: { line: Line; active: boolean; width: number }) {
  // Selectable lines carry a marker so the cursor is visible without colour (NO_COLOR).
  const mark = line.action ? (active ? "▶ " : "  ") : "";
  return (
    <Text
      wrap="truncate"
      inverse={active || (line.tone === "hl" && !color("yellow"))}
      bold={line.tone === "title" || line.tone === "hl"}
      color={toneColor(line.tone)}
    >
      {clip(`${mark}${line.text}`, width) || " "}
    </Text>
  );
});

export function clampTop(top: number, total: number, height: number): number {
  return Math.max(0, Math.min(top, total - height));
}

export const Pane = memo(function Pane({ lines, top, height, width, cursor }: PaneProps) {
  const start = clampTop(top, lines.length, height);
  const visible = lines.slice(start, start + height);
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {visible.map((line, i) => (
        <PaneLine key={start + i} line={line} active={cursor === start + i} width={width} />
      ))}
    </Box>
  );
});

/** Hard-wraps long lines (kubectl commands, paths) so nothing is cut off; continuations are indented. */
export function wrapLines(lines: readonly Line[], width: number): Line[] {
  const out: Line[] = [];
  for (const line of lines) {
    const text = sanitize(line.text);
    const first = Math.max(10, width - (line.action ? 2 : 0));
    if (text.length <= first) {
      out.push(text === line.text ? line : { ...line, text });
      continue;
    }
    out.push({ ...line, text: text.slice(0, first) });
    const rest = Math.max(10, first - 4);
    for (let i = first; i < text.length; i += rest) {
      const cont: Line = { text: `    ${text.slice(i, i + rest)}` };
      if (line.tone) cont.tone = line.tone;
      out.push(cont);
    }
  }
  return out;
}

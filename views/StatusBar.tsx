// The two rows under the body: where you are (or the selected finding), and hints or the last message.
import { Text } from "ink";
import { type Finding, PANEL_TITLES, type Panel } from "../src/analysis/finding.js";
import { SCREEN_NAMES, type Screen } from "./screen.js";
import { clip } from "./text.js";
import { color } from "./theme.js";
import type { Flash } from "./ui.js";

/** The breadcrumb of the screen stack, or the selected finding's title and message. */
export function MessageLine(props: {
  panel: Panel;
  stack: readonly Screen[];
  current: Finding | undefined;
  width: number;
}) {
  const { panel, stack, current, width } = props;
  const text = stack.length
    ? `${PANEL_TITLES[panel]} › ${stack.map((s) => SCREEN_NAMES[s.kind]).join(" › ")}`
    : current
      ? `${current.title}: ${current.message}`
      : " ";
  return (
    <Text wrap="truncate" bold={!stack.length}>
      {clip(text, width)}
    </Text>
  );
}

/** Normal mode's status row: the accept prompt, a message, or the keys and what is in effect. */
export function StatusLine(props: {
  prompt: string | undefined;
  flash: Flash | undefined;
  onScreen: boolean;
  marked: number;
  filter: string;
  scope: string | undefined;
  width: number;
}) {
  const { prompt, flash, onScreen, marked, filter, scope, width } = props;
  let text: string;
  let tone: string | undefined;
  if (prompt !== undefined) {
    text = prompt;
    tone = color("yellow");
  } else if (flash) {
    text = flash.text;
    tone = flash.bad ? color("yellow") : color("green");
  } else {
    const hints = onScreen
      ? "Esc back · j/k move · Enter open · p patch · w write · y yaml · ? help"
      : "? help · Enter why · p patch · w write · / filter · : cmd · q quit";
    const extras = [marked ? `${marked} marked` : "", filter ? `filter "${filter}"` : "", scope ? `ns ${scope}` : ""]
      .filter(Boolean)
      .join(" · ");
    text = [extras, hints].filter(Boolean).join(" · ");
  }
  return (
    <Text wrap="truncate" color={tone ?? color("gray")}>
      {clip(text, width)}
    </Text>
  );
}

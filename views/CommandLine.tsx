// The `:` command line: owns the keys while open; Tab completes, Enter runs, Esc cancels.
import { Text, useInput } from "ink";
import { type CompletionSources, complete } from "../src/app/commands.js";
import { clip } from "./text.js";
import { color } from "./theme.js";

export interface CommandLineProps {
  active: boolean;
  line: string;
  setLine(update: (line: string) => string): void;
  /** Shown after the line (Tab's candidates) instead of the hint. */
  flash: string | undefined;
  setFlash(text: string | undefined): void;
  width: number;
  sources(): CompletionSources;
  onRun(line: string): void;
  onClose(): void;
}

export function CommandLine(props: CommandLineProps) {
  const { active, line, setLine, flash, setFlash, width, sources, onRun, onClose } = props;
  useInput(
    (input, key) => {
      setFlash(undefined);
      if (key.escape) onClose();
      else if (key.return) {
        onClose();
        onRun(line);
      } else if (key.tab) {
        const c = complete(line, sources());
        setLine(() => c.line);
        if (c.candidates.length) setFlash(c.candidates.join("  "));
      } else if (key.backspace || key.delete) setLine((c) => c.slice(0, -1));
      else if (input && !key.ctrl && !key.meta) setLine((c) => c + input);
    },
    { isActive: active },
  );
  if (!active) return null;
  return (
    <Text wrap="truncate" color={color("gray")}>
      {clip(`:${line}▏  ${flash || "Tab completes · Enter runs · Esc cancels"}`, width)}
    </Text>
  );
}

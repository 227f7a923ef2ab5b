// The `/` filter line: owns the keys while open, shows `/text▏  hint` in the status row.
import { Text, useInput } from "ink";
import { clip } from "./text.js";
import { color } from "./theme.js";

export interface FilterLineProps {
  active: boolean;
  text: string;
  /** Said after the text (match count, or what the filter applies to). */
  hint: string;
  width: number;
  onChange(text: string): void;
  /** Enter (keep the text) or Esc (after clearing it). */
  onClose(): void;
  /** Every key, before it is handled. */
  onKey?(): void;
}

export function FilterLine({ active, text, hint, width, onChange, onClose, onKey }: FilterLineProps) {
  useInput(
    (input, key) => {
      onKey?.();
      if (key.escape) {
        onChange("");
        onClose();
      } else if (key.return) onClose();
      else if (key.backspace || key.delete) onChange(text.slice(0, -1));
      else if (input && !key.ctrl && !key.meta && !key.tab) onChange(text + input);
    },
    { isActive: active },
  );
  if (!active) return null;
  return (
    <Text wrap="truncate" color={color("gray")}>
      {clip(`/${text}▏  ${hint} · Enter keep · Esc clear`, width)}
    </Text>
  );
}

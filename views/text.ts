// Fitting text into a fixed width. Every cluster string goes through sanitize()
// before it reaches a <Text> (DESIGN §6.3).
import { sanitize } from "../src/util/sanitize.js";

export function padTo(text: string, width: number): string {
  const s = sanitize(text);
  if (width <= 0) return "";
  if (s.length <= width) return s.padEnd(width);
  return width <= 1 ? s.slice(0, width) : `${s.slice(0, width - 1)}…`;
}

export function clip(text: string, width: number): string {
  const s = sanitize(text);
  return s.length <= width ? s : `${s.slice(0, Math.max(0, width - 1))}…`;
}

export function clock(ms: number): string {
  return new Date(ms).toTimeString().slice(0, 8);
}

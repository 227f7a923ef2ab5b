// Cluster-controlled text must never reach the terminal as control sequences
// (DESIGN §6.3): C0 controls, DEL, C1 controls (incl. 8-bit CSI) and ESC are
// made visible instead of being interpreted.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
/** CONTROL without line feed and tab, which whole outputs keep. */
const OUTPUT_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const OUTPUT_CONTROL_TEST = new RegExp(OUTPUT_CONTROL.source);

/** `text` with every control character dropped (typed or pasted input, names read from the system). */
export function printable(text: string): string {
  return text.replace(CONTROL, "");
}

export function sanitize(text: unknown): string {
  const s = typeof text === "string" ? text : String(text ?? "");
  return s.replace(CONTROL, (c) => {
    if (c === "\n" || c === "\t") return " ";
    const code = c.charCodeAt(0);
    return code === 0x1b ? "␛" : `\\x${code.toString(16).padStart(2, "0")}`;
  });
}

/**
 * For whole outputs written to a terminal or a pipe (every CLI write, every mode): the
 * same escaping as sanitize(), but line breaks and tabs stay (a report has lines). A
 * carriage return is escaped too: it could overwrite the line before it.
 */
export function sanitizeOutput(text: unknown): string {
  const s = typeof text === "string" ? text : String(text ?? "");
  // Line breaks and tabs are not matched at all: a report has a million of them, and a
  // callback per line was most of the time of writing a large JSON report.
  if (!OUTPUT_CONTROL_TEST.test(s)) return s;
  return s.replace(OUTPUT_CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code === 0x1b ? "␛" : `\\x${code.toString(16).padStart(2, "0")}`;
  });
}

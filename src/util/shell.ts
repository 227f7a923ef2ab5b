// Every value kubeward interpolates into a shell line it prints or writes (kubectl,
// crane) goes through here (DESIGN §4): a reviewer pasting the line runs exactly
// the command shown, whatever the value holds.

/** Characters that never need quoting in a POSIX shell word. */
const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Control characters (a newline would split the line; an escape would reach the terminal). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * One shell word for `value`: as is when plain, else single-quoted ('\'' for a quote).
 * A value with control characters becomes $'…' with \xNN escapes (bash, zsh, ksh), so
 * the line stays one line and nothing reaches the terminal.
 */
export function shellQuote(value: string | number): string {
  const s = String(value);
  if (PLAIN.test(s)) return s;
  if (CONTROL.test(s)) {
    const body = s.replace(/[\\'\u0000-\u001f\u007f-\u009f]/g, (c) =>
      c === "\\" || c === "'" ? `\\${c}` : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
    );
    return `$'${body}'`;
  }
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * A shell line from a template: every interpolated value becomes one quoted word.
 * sh`kubectl delete secret ${name} -n ${ns}` → kubectl delete secret 'a;b' -n prod
 */
export function sh(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  let out = strings[0] ?? "";
  values.forEach((v, i) => {
    out += shellQuote(v) + (strings[i + 1] ?? "");
  });
  return out;
}

// Globs of the exceptions file: `*` (any run), `?` (one character) and `[abc]` /
// `[a-z]` / `[!abc]` classes over the whole text. Anything else is literal.

export type Glob = (text: string) => boolean;

/** A matcher for `pattern`, or an error message when the pattern is malformed. */
export function compileGlob(pattern: string): Glob | { error: string } {
  if (pattern === "") return { error: "empty pattern" };
  let re = "^";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*") re += ".*";
    else if (c === "?") re += ".";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end < 0) return { error: `unclosed "[" at ${i + 1}` };
      let body = pattern.slice(i + 1, end);
      const negate = body.startsWith("!") || body.startsWith("^");
      if (negate) body = body.slice(1);
      if (!body) return { error: `empty class at ${i + 1}` };
      re += `[${negate ? "^" : ""}${body.replace(/[\\\]^]/g, (m) => `\\${m}`)}]`;
      i = end;
    } else if (c === "]") return { error: `unmatched "]" at ${i + 1}` };
    else re += c.replace(/[.+^${}()|\\/-]/g, (m) => `\\${m}`);
  }
  let compiled: RegExp;
  try {
    compiled = new RegExp(`${re}$`, "s");
  } catch (err) {
    return { error: (err as Error).message };
  }
  if (!/[*?[]/.test(pattern)) return (text) => text === pattern;
  return (text) => compiled.test(text);
}

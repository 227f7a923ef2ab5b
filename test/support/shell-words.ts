// A strict reader of the shell lines kubeward prints: plain words, '…', \' and $'…'
// quoting, a trailing # comment. Any shell metacharacter outside quotes throws, so a
// line that parses carries no unquoted value that the shell would interpret.
const PLAIN = /[A-Za-z0-9_@%+=:,./-]/;

export function shellWords(line: string): string[] {
  const words: string[] = [];
  let i = 0;
  let word: string | undefined;
  const end = () => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  while (i < line.length) {
    const c = line[i]!;
    if (c === " ") {
      end();
      i++;
    } else if (c === "#" && word === undefined) {
      break; // a comment to the end of the line
    } else if (c === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) throw new Error(`unterminated quote in: ${line}`);
      word = (word ?? "") + line.slice(i + 1, close);
      i = close + 1;
    } else if (c === "$" && line[i + 1] === "'") {
      let out = "";
      i += 2;
      for (;;) {
        if (i >= line.length) throw new Error(`unterminated $' in: ${line}`);
        const d = line[i]!;
        if (d === "'") break;
        if (d === "\\") {
          const e = line[i + 1];
          if (e === "\\" || e === "'") {
            out += e;
            i += 2;
          } else if (e === "x" && /^[0-9a-f]{2}$/i.test(line.slice(i + 2, i + 4))) {
            out += String.fromCharCode(Number.parseInt(line.slice(i + 2, i + 4), 16));
            i += 4;
          } else throw new Error(`unexpected escape in: ${line}`);
        } else {
          out += d;
          i++;
        }
      }
      word = (word ?? "") + out;
      i++;
    } else if (c === "\\" && line[i + 1] === "'") {
      word = `${word ?? ""}'`; // the '\'' of a quote inside quotes
      i += 2;
    } else if (PLAIN.test(c)) {
      word = (word ?? "") + c;
      i++;
    } else throw new Error(`unquoted ${JSON.stringify(c)} at ${i} in: ${line}`);
  }
  end();
  return words;
}

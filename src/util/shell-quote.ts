// One argument as a POSIX shell word: unchanged when it is plainly safe, else in
// single quotes (a quote inside becomes '\''). Control characters are never
// printed: a value holding one is refused (undefined), so no pasted command can
// carry a terminal escape or a newline that splits it.
const SAFE = /^[A-Za-z0-9_./:=@%+,-]+$/;

export function shellQuote(arg: string): string | undefined {
  if (/[\u0000-\u001f\u007f-\u009f]/.test(arg)) return undefined;
  if (arg !== "" && SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

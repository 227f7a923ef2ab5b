// Values printed into shell lines (kubectl and crane commands in reports, patch comments,
// runbooks, the TUI): quoted so a pasted line runs exactly one command with exactly the
// value shown, and names checked against what Kubernetes accepts, so a name the API would
// reject is never printed at all (src/cluster/names.ts says which rule applies to a kind).

/** Characters a POSIX shell never treats specially in a word. */
const SAFE = /^[A-Za-z0-9_./:=@%+,-]+$/;

/**
 * POSIX shell quoting: the value as one word (bare when nothing in it is special), else
 * single-quoted with '\'' for a quote. A newline stays inside the quotes: still one word.
 */
export function shellQuote(value: string | number): string {
  const s = String(value);
  if (s !== "" && SAFE.test(s)) return s;
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

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** RFC 1123 label: namespaces, container names, most names Kubernetes validates strictly. */
export function isDnsLabel(name: string): boolean {
  return name.length <= 63 && DNS_LABEL.test(name);
}

/** RFC 1123 subdomain: pods, nodes, Secrets, ReplicaSets and most other object names. */
export function isDnsSubdomain(name: string): boolean {
  return name.length <= 253 && name.split(".").every((part) => DNS_LABEL.test(part));
}

const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** A label key: optional DNS-subdomain prefix and "/", then a name of at most 63 characters. */
export function isLabelKey(key: string): boolean {
  const at = key.lastIndexOf("/");
  const prefix = at >= 0 ? key.slice(0, at) : undefined;
  const name = at >= 0 ? key.slice(at + 1) : key;
  if (prefix !== undefined && !isDnsSubdomain(prefix)) return false;
  return name.length <= 63 && LABEL_NAME.test(name);
}

/** A label value: empty, or at most 63 characters of alphanumerics, "-", "_" and "." between alphanumerics. */
export function isLabelValue(value: string): boolean {
  return value === "" || (value.length <= 63 && LABEL_NAME.test(value));
}

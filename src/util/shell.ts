// Values printed into shell lines (kubectl commands in runbooks and patch comments):
// quoted so a pasted line runs exactly one command, and names checked against what
// Kubernetes accepts, so a name the API would reject is never printed at all.

/** Characters a POSIX shell never treats specially in a word. */
const SAFE = /^[A-Za-z0-9_./:=@%+,-]+$/;

/** POSIX shell quoting: the value as one word (bare when nothing in it is special). */
export function shellQuote(value: string): string {
  if (value !== "" && SAFE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
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

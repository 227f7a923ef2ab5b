// IPv4/IPv6 addresses and CIDRs for NetworkPolicy ipBlock peers: just enough to
// answer "is this address in the block and not in one of its excepts?".

export interface Cidr {
  family: 4 | 6;
  base: bigint;
  prefix: number;
  text: string;
}

function parseV4(s: string): bigint | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  let out = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    out = (out << 8n) | BigInt(Number(p));
  }
  return out;
}

function parseV6(s: string): bigint | undefined {
  let text = s;
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
  const v4At = text.lastIndexOf(":");
  if (text.includes(".") && v4At >= 0) {
    const v4 = parseV4(text.slice(v4At + 1));
    if (v4 === undefined) return undefined;
    text = `${text.slice(0, v4At + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  let out = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    out = (out << 16n) | BigInt(Number.parseInt(g, 16));
  }
  return out;
}

export function parseIp(s: string): { family: 4 | 6; value: bigint } | undefined {
  if (s.includes(":")) {
    const value = parseV6(s);
    return value === undefined ? undefined : { family: 6, value };
  }
  const value = parseV4(s);
  return value === undefined ? undefined : { family: 4, value };
}

export function parseCidr(text: unknown): Cidr | undefined {
  if (typeof text !== "string") return undefined;
  const [addr, len, ...rest] = text.trim().split("/");
  if (addr === undefined || len === undefined || rest.length || !/^\d{1,3}$/.test(len)) return undefined;
  const ip = parseIp(addr);
  if (!ip) return undefined;
  const width = ip.family === 4 ? 32 : 128;
  const prefix = Number(len);
  if (prefix > width) return undefined;
  const hostBits = BigInt(width - prefix);
  return { family: ip.family, base: (ip.value >> hostBits) << hostBits, prefix, text: text.trim() };
}

export function cidrContains(cidr: Cidr, ip: { family: 4 | 6; value: bigint }): boolean {
  if (cidr.family !== ip.family) return false;
  const hostBits = BigInt((cidr.family === 4 ? 32 : 128) - cidr.prefix);
  return ip.value >> hostBits === cidr.base >> hostBits;
}

/** 0.0.0.0/0 or ::/0: every address of its family. */
export function isEverything(cidr: Cidr): boolean {
  return cidr.prefix === 0;
}

/** Every address of `inner` is in `outer`. */
export function cidrWithin(inner: Cidr, outer: Cidr): boolean {
  return (
    inner.family === outer.family &&
    inner.prefix >= outer.prefix &&
    cidrContains(outer, { family: inner.family, value: inner.base })
  );
}

/** An address as a one-address block (/32 or /128); a block as itself. */
export function parseAddressOrBlock(text: string): Cidr | undefined {
  if (text.includes("/")) return parseCidr(text);
  const ip = parseIp(text.trim());
  return ip ? parseCidr(`${text.trim()}/${ip.family === 4 ? 32 : 128}`) : undefined;
}

// Kubernetes resource quantities ("250m", "0.5", "128Mi", "1G", "1e3") as numbers:
// CPU in millicores, everything else in base units. Undefined when unreadable.
const SUFFIX: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

export function parseQuantity(q: unknown): number | undefined {
  if (typeof q === "number") return Number.isFinite(q) ? q : undefined;
  if (typeof q !== "string") return undefined;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]?)$/.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1]) * SUFFIX[m[2]!]!;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Millicores as a quantity: "1500m", "2". */
export function formatCpu(milli: number): string {
  const m = Math.max(1, Math.ceil(milli));
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

/** Bytes as a binary quantity, rounded up to a whole Mi: "384Mi", "2Gi". */
export function formatMemory(bytes: number): string {
  const mi = Math.max(1, Math.ceil(bytes / 2 ** 20));
  return mi % 1024 === 0 ? `${mi / 1024}Gi` : `${mi}Mi`;
}

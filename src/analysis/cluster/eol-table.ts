// Upstream end of life of Kubernetes minor versions: the date after which the
// project ships no more patch releases (security fixes included) for the minor.
// Sources: https://kubernetes.io/releases/<minor>/ ("End Of Life Date") and
// https://kubernetes.io/releases/patch-releases/. A test fails when LAST_CHECKED is
// more than a year old: re-read those pages, add new minors, correct dates.
export const LAST_CHECKED = "2026-11-30";

/** Minor → end-of-life date (YYYY-MM-DD). Minors older than the first row are past end of life. */
export const KUBERNETES_EOL: Readonly<Record<string, string>> = {
  "1.25": "2023-10-28",
  "1.26": "2024-02-28",
  "1.27": "2024-06-28",
  "1.28": "2024-10-28",
  "1.29": "2025-02-28",
  "1.30": "2025-07-15",
  "1.31": "2025-10-28",
  "1.32": "2026-02-28",
  "1.33": "2026-06-28",
  "1.34": "2026-10-27",
  "1.35": "2027-02-28",
  "1.36": "2027-06-28",
};

export interface MinorVersion {
  major: number;
  minor: number;
}

/** "v1.29.3-eks-abc", "1.29", "v1.30.0+k3s1" → {1, 29}; undefined when unreadable. */
export function parseMinor(version: string | undefined): MinorVersion | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(version?.trim() ?? "");
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

export type EolStatus =
  | { state: "supported"; eol: string }
  | { state: "eol"; eol: string | undefined }
  | { state: "unknown" };

/** Whether `v` is past its end of life on `today` (YYYY-MM-DD), by the table. */
export function eolStatus(v: MinorVersion, today: string): EolStatus {
  if (v.major !== 1) return { state: "unknown" };
  const eol = KUBERNETES_EOL[`1.${v.minor}`];
  if (eol) return eol < today ? { state: "eol", eol } : { state: "supported", eol };
  const oldest = Math.min(...Object.keys(KUBERNETES_EOL).map((k) => Number(k.split(".")[1])));
  return v.minor < oldest ? { state: "eol", eol: undefined } : { state: "unknown" };
}

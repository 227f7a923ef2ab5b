// Merges `npm run bench -- --json` reports of one sitting (a run is often split: the
// synthetic sizes in one, each API server size in another) and computes the targets of
// issue 20 from the merged figures, as one run would have.
import { computeTargets } from "./targets.js";

// biome-ignore lint/suspicious/noExplicitAny: reports are plain JSON
type Report = any;

const LISTS = ["analysis", "apiserver", "files"] as const;

export function mergeReports(reports: readonly Report[]): Report {
  const merged: Report = {};
  for (const r of reports) {
    for (const [key, value] of Object.entries(r ?? {})) {
      if ((LISTS as readonly string[]).includes(key) && Array.isArray(value))
        merged[key] = [...(merged[key] ?? []), ...value];
      // The sitting runs from its earliest start to its latest end (ISO times compare as text).
      else if (key === "startedAt") merged.startedAt = [merged.startedAt, value].filter(Boolean).sort()[0];
      else if (key === "finishedAt") merged.finishedAt = [merged.finishedAt, value].filter(Boolean).sort().pop();
      else if (value !== undefined && value !== null) merged[key] = value;
    }
  }
  if (reports.length > 1) merged.targets = computeTargets(merged);
  return merged;
}

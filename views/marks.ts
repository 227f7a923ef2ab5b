// How a finding row is marked beyond its severity: accepted (dimmed, with its reason)
// and new since the --baseline report ("+").
import { useMemo } from "react";
import type { Finding } from "../src/analysis/finding.js";
import type { Snapshot } from "../src/app/controller.js";
import { sanitize } from "../src/util/sanitize.js";

export interface FindingMark {
  /** The reason it is accepted (sanitised: annotation reasons come from the cluster). */
  accepted?: string;
  isNew?: boolean;
}

/** The row marks of a snapshot, or undefined when no row has any (no work per row then). */
export function useFindingMarks(snap: Snapshot): ((f: Finding) => FindingMark | undefined) | undefined {
  const { showAccepted, accepted, verdict, isNew } = snap;
  return useMemo(() => {
    const marksAccepted = showAccepted && accepted > 0;
    if (!marksAccepted && !isNew) return undefined;
    return (f: Finding) => {
      const a = marksAccepted ? verdict(f).accepted : undefined;
      const fresh = isNew?.(f) ?? false;
      if (!a && !fresh) return undefined;
      return { ...(a ? { accepted: sanitize(a.reason) } : {}), ...(fresh ? { isNew: true } : {}) };
    };
  }, [showAccepted, accepted, verdict, isNew]);
}

// Each panel's `/` filter, applied to its list. A FindingFilter (a compact
// index of the list, ~40 bytes a finding, and the cache that narrows as the
// query grows) is kept for the focused panel and for panels with a query, for
// the list it was built on only: a new analysis result replaces it (the new
// index starts from the old one). The focused panel's index is built right after
// the first frame, then rebuilt in idle time, a slice at a time, once results
// stop arriving for a moment (at once while the filter line is open), so the
// first key typed after `/` finds it ready; a key that comes before is answered
// by a direct scan (src/app/filter.ts).
import { useEffect, useMemo, useRef } from "react";
import { type Finding, PANELS, type Panel } from "../src/analysis/finding.js";
import { FindingFilter, tokensOf } from "../src/app/filter.js";

export type Lists = Record<Panel, readonly Finding[]>;

/** Quiet time after a new list before its index is built (a burst of results builds once). */
const IDLE_MS = 100;
/** Longest slice of index building between two turns of the event loop (keys are read between). */
const SLICE_MS = 8;

/**
 * `filtering`: the focused panel's filter line is open, so a key is coming: a rebuild of
 * its index starts at once, not after the quiet time.
 */
export function useFiltered(
  lists: Lists,
  filters: Partial<Record<Panel, string>>,
  focus: Panel,
  filtering = false,
): Lists {
  const filterers = useRef(new Map<Panel, FindingFilter>());
  const mounting = useRef(true);
  const filterer = (p: Panel): FindingFilter => {
    let f = filterers.current.get(p);
    // A new list (a new analysis result): its index starts from the old one's.
    if (f?.list !== lists[p]) filterers.current.set(p, (f = new FindingFilter(lists[p], f)));
    return f;
  };

  const filtered = useMemo(() => {
    const out = {} as Lists;
    for (const p of PANELS) {
      const query = filters[p] ?? "";
      if (tokensOf(query).length) out[p] = filterer(p).filter(query);
      else {
        out[p] = lists[p];
        if (p === focus) filterers.current.get(p)?.forget();
        else filterers.current.delete(p);
      }
    }
    return out;
  }, [lists, filters, focus]);

  const focusedList = lists[focus];
  useEffect(() => {
    const fresh = !filterers.current.has(focus);
    const f = filterer(focus);
    // The first index is built in one go, right after the first frame (0.2–0.3 s at
    // 228,000 findings): slices could be starved by a long GC or a busy machine until the
    // first key arrives, and that key would pay for the whole build. Rebuilds for a new
    // list reuse the old index (runs of labels copied) and stay cheap.
    if (mounting.current) {
      mounting.current = false;
      f.prepare();
    }
    if (f.prepared) return;
    let immediate: NodeJS.Immediate | undefined;
    const slice = () => {
      if (!f.prepareFor(SLICE_MS)) immediate = setImmediate(slice).unref();
    };
    // A panel just focused has no burst of results to wait out; an open filter line, a key coming.
    const timer = filtering || fresh ? undefined : setTimeout(slice, IDLE_MS).unref();
    if (!timer) immediate = setImmediate(slice).unref();
    return () => {
      clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
    };
  }, [focusedList, focus, filtering]);

  return filtered;
}

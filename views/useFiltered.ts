// Each panel's `/` filter, applied to its list. A FindingFilter (a compact
// index of the list, ~40 bytes a finding, and the cache that narrows as the
// query grows) is kept for the focused panel and for panels with a query, for
// the list it was built on only: a new analysis result drops it. The focused
// panel's index is built in idle time, a slice at a time, once results stop
// arriving for a moment, so the first key typed after `/` finds it ready.
import { useEffect, useMemo, useRef } from "react";
import { type Finding, PANELS, type Panel } from "../src/analysis/finding.js";
import { FindingFilter, tokensOf } from "../src/app/filter.js";

export type Lists = Record<Panel, readonly Finding[]>;

/** Quiet time after a new list before its index is built (a burst of results builds once). */
const IDLE_MS = 100;
/** Longest slice of index building between two turns of the event loop (keys are read between). */
const SLICE_MS = 8;

/**
 * `filtering`: the focused panel's filter line is open, so a key is coming: its index
 * is built at once, not after the quiet time. So is a panel's first index (there is no
 * burst of results to wait out yet, and the first key should not pay for it).
 */
export function useFiltered(
  lists: Lists,
  filters: Partial<Record<Panel, string>>,
  focus: Panel,
  filtering = false,
): Lists {
  const filterers = useRef(new Map<Panel, FindingFilter>());
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
    const first = !filterers.current.has(focus);
    const f = filterer(focus);
    if (f.prepared) return;
    let immediate: NodeJS.Immediate | undefined;
    const slice = () => {
      if (!f.prepareFor(SLICE_MS)) immediate = setImmediate(slice).unref();
    };
    const timer = first || filtering ? undefined : setTimeout(slice, IDLE_MS).unref();
    if (!timer) immediate = setImmediate(slice).unref();
    return () => {
      clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
    };
  }, [focusedList, focus, filtering]);

  return filtered;
}

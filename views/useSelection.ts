// Selection and cursor in the panel lists. Selection is kept by finding id, so it stays
// on the same finding when rows move.
import { useRef, useState } from "react";
import type { Finding, Panel } from "../src/analysis/finding.js";
import { MAX_RANKED } from "../src/app/filter.js";
import { type PanelLists, positionIn } from "../src/app/panels.js";

type Shown = { want: string | undefined; id: string | undefined; at: number; list: readonly Finding[] };

export interface Selection {
  /** The row of panel p's selected finding (call once per panel per render, focused panel first). */
  indexIn(p: Panel): number;
  /** Selects the row at index (clamped) in panel p. */
  select(p: Panel, index: number): void;
}

export function useSelection(
  lists: PanelLists,
  byId: ReadonlyMap<string, Finding>,
  firstSeen: ReadonlyMap<string, number>,
): Selection {
  const [selectedId, setSelectedId] = useState<Partial<Record<Panel, string>>>({});
  // Before the user moves, the cursor still follows the finding it was shown on, so a
  // new finding arriving above it does not change what Enter opens.
  const shown = useRef<Partial<Record<Panel, Shown>>>({});
  return {
    indexIn(p) {
      const last = shown.current[p];
      const want = selectedId[p] ?? last?.id;
      const list = lists[p];
      // The last answer, or the row it was on, before a search: a search of a 200,000-row list per render adds up.
      let at = last?.at ?? 0;
      if (!(last?.list === list && last.want === want) && list[at]?.id !== want) {
        const f = want === undefined ? undefined : byId.get(want);
        at = Math.max(0, f ? positionIn(list, f, firstSeen, MAX_RANKED) : 0);
      }
      shown.current[p] = { want, id: list[at]?.id, at, list };
      return at;
    },
    select(p, index) {
      const list = lists[p];
      const f = list[Math.max(0, Math.min(list.length - 1, index))];
      if (f) setSelectedId((s) => ({ ...s, [p]: f.id }));
    },
  };
}

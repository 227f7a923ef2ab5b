// The panels' lists as shown: the controller's lists, scoped to a namespace (`:ns`), filtered
// (`/`), and the images panel grouped by image (`i`); and the severity counts of the scope.
import { useMemo } from "react";
import { type Finding, PANELS, type Panel } from "../src/analysis/finding.js";
import type { Snapshot } from "../src/app/controller.js";
import { groupByImage } from "../src/app/image-groups.js";
import { countSeverities, type PanelLists } from "../src/app/panels.js";
import { refLabel } from "../src/cluster/objects.js";
import type { Store } from "../src/store/store.js";
import { useFiltered } from "./useFiltered.js";

export interface ShownLists {
  lists: PanelLists;
  counts: Snapshot["counts"];
  /** An image row's label, when the images panel shows image rows. */
  imageLabel: ((f: Finding) => string) | undefined;
}

export function usePanelLists(
  snap: Snapshot,
  store: Store,
  opts: {
    scope: string | undefined;
    filters: Partial<Record<Panel, string>>;
    panel: Panel;
    filtering: boolean;
    byImage: boolean;
  },
): ShownLists {
  const { scope, filters, panel, filtering, byImage } = opts;
  // Kept by the controller across results (O(changed) per result), as are the counts and byId.
  const all = snap.panels;
  const scoped = useMemo((): PanelLists => {
    if (!scope) return all;
    return Object.fromEntries(
      PANELS.map((p) => [p, all[p].filter((f) => f.resource.namespace === scope)]),
    ) as unknown as PanelLists;
  }, [all, scope]);
  const filtered = useFiltered(scoped, filters, panel, filtering);
  // Image rows: each image's findings together, its workloads under it.
  const imageGroups = useMemo(
    () => (byImage ? groupByImage(filtered.images, store) : undefined),
    [byImage, filtered, store],
  );
  const lists = useMemo(
    (): PanelLists => (imageGroups ? { ...filtered, images: imageGroups.findings } : filtered),
    [filtered, imageGroups],
  );
  const counts = useMemo(() => {
    if (scoped === all) return snap.counts;
    const c = countSeverities([]);
    for (const p of PANELS) for (const f of scoped[p]) c[f.severity]++;
    return c;
  }, [snap, all, scoped]);
  const imageLabel = imageGroups
    ? (f: Finding) =>
        `${imageGroups.imageOf.get(f.id) ?? "?"} ← ${refLabel(f.resource)}${f.container ? ` [${f.container}]` : ""}`
    : undefined;
  return { lists, counts, imageLabel };
}

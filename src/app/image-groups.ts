// The images panel by image (a TUI toggle): the same findings, grouped so each
// image's rows sit together (the image with the worst finding first) with the
// workloads that run it under it. The image of a finding is its container's,
// digest included when the spec pins one; findings without a container (attack
// paths) group under their workload's first image.
import { type Finding, SEVERITIES } from "../analysis/finding.js";
import { imagesOf } from "../analysis/images/containers.js";
import { workloadOf } from "../analysis/workloads.js";
import type { Store } from "../store/store.js";

export interface ImageGroups {
  /** The findings in image order. */
  findings: Finding[];
  /** The image each finding was grouped under, by finding id. */
  imageOf: ReadonlyMap<string, string>;
}

const NO_IMAGE = "(no image)";

export function groupByImage(findings: readonly Finding[], store: Store): ImageGroups {
  const imageOf = new Map<string, string>();
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const obj = store.getByName(f.resource.kind, f.resource.namespace, f.resource.name);
    const w = obj ? workloadOf(obj) : undefined;
    const images = w ? imagesOf(w) : [];
    const image = (f.container ? images.find((i) => i.name === f.container) : images[0])?.image ?? NO_IMAGE;
    imageOf.set(f.id, image);
    let g = groups.get(image);
    if (!g) groups.set(image, (g = []));
    g.push(f); // the panel's order (severity first) holds within a group
  }
  const worst = (g: Finding[]) => Math.min(...g.map((f) => SEVERITIES.indexOf(f.severity)));
  const ordered = [...groups.entries()].sort(
    ([a, ga], [b, gb]) => worst(ga) - worst(gb) || gb.length - ga.length || (a < b ? -1 : a > b ? 1 : 0),
  );
  return { findings: ordered.flatMap(([, g]) => g), imageOf };
}

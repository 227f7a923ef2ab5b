// The containers of a workload with their parsed image reference.
import { sh } from "../../util/shell.js";
import { type ContainerEntry, containersOf, type Workload } from "../workloads.js";
import { type ImageRef, parseImage } from "./reference.js";

export interface ImageEntry extends ContainerEntry {
  image: string;
  ref: ImageRef;
}

export function imagesOf(w: Workload): ImageEntry[] {
  const out: ImageEntry[] = [];
  for (const c of containersOf(w)) {
    const ref = parseImage(c.container.image);
    if (ref) out.push({ ...c, image: String(c.container.image).trim(), ref });
  }
  return out;
}

/** How to find the digest to pin to: kubeward never calls a registry itself. */
export function digestCommand(image: string): string {
  return sh`crane digest ${image}   # or: docker buildx imagetools inspect ${image}`;
}

// The containers of a workload with their parsed image reference.
import { sh } from "../../util/shell.js";
import { type ContainerEntry, containersOf, type Workload } from "../workloads.js";
import { type ImageRef, parseImage } from "./reference.js";

export interface ImageEntry extends ContainerEntry {
  image: string;
  ref: ImageRef;
}

// Kept for the last workload only, as containersOf does: its checks run back to back.
let lastWorkload: Workload | undefined;
let lastEntries: readonly ImageEntry[] = [];

/** The containers of `w` whose image parses, with the parsed reference (the last workload's are kept; read-only). */
export function imagesOf(w: Workload): readonly ImageEntry[] {
  if (w === lastWorkload) return lastEntries;
  const entries: ImageEntry[] = [];
  for (const c of containersOf(w)) {
    const ref = parseImage(c.container.image);
    if (ref) entries.push({ ...c, image: String(c.container.image).trim(), ref });
  }
  lastWorkload = w;
  lastEntries = Object.freeze(entries);
  return lastEntries;
}

/** How to find the digest to pin to: kubeward never calls a registry itself. */
export function digestCommand(image: string): string {
  return sh`crane digest ${image}   # or: docker buildx imagetools inspect ${image}`;
}

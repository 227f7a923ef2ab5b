// V8 grows the old generation by up to 4× the live heap before it next marks it:
// during the first analysis of a large cluster (one long task that allocates
// ~800 MB at 150,000 pods, a third of it garbage) no major GC ran at all and peak
// RSS was ~1.9× the live heap. Growing by at most 1.25× makes V8 mark during the
// analysis (incrementally, concurrently), which bounds the garbage it carries.
// Set at run time (v8.setFlagsFromString), read by V8 at every GC, so the CLI
// and the benchmark children share it without re-executing node.
import { setFlagsFromString } from "node:v8";

/**
 * Flags V8 reads only when the process starts: bin/kubeward.js's shebang and `npm start`
 * put them on node's command line (the bench children are started with them too).
 * - A young generation capped at 3 × 16 MB instead of V8's 128 MB: ~100 MB less peak RSS
 *   at 150,000 pods, no measurable time.
 * - No major GC before the old generation reaches 256 MB: with growth bounded at 1.25×
 *   (below), a small heap (10,000 pods: ~64 MB live) was otherwise marked every few MB of
 *   promotion, and those pauses were the event → frame tail (p99 160–271 → 124–134 ms).
 */
export const STARTUP_FLAGS: readonly string[] = ["--max-semi-space-size=16", "--initial-old-space-size=256"];

export const HEAP_FLAGS: readonly string[] = ["--heap-growing-percent=25"];

/** Applies HEAP_FLAGS to this process: call it first thing, before the heap grows. */
export function tuneHeap(): void {
  for (const flag of HEAP_FLAGS) setFlagsFromString(flag);
}

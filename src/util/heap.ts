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
 * - A young generation capped at 3 × 8 MB instead of V8's 128 MB.
 * - No major GC before the old generation reaches 128 MB: with growth bounded at 1.25×
 *   (below), a small heap (10,000 pods: ~64 MB live) was otherwise marked every few MB
 *   of promotion, and those pauses were the event → frame tail.
 * Both are a trade of memory for time, measured on the live TUI at 10,000 pods (peak RSS)
 * against the events bench (1,000 events/s) and the 50,000-pod first analysis, same
 * machine, same sitting (2026-11-30): 16 MB / 256 MB: 424 MiB, p99 ~280 ms, 19.5 s;
 * 8 MB / 128 MB: 330 MiB, p99 ~320–380 ms, 23.1 s. The smaller pair is kept: it holds the
 * TUI under half of k9s's memory (issue 20), where the larger one did not.
 */
export const STARTUP_FLAGS: readonly string[] = ["--max-semi-space-size=8", "--initial-old-space-size=128"];

export const HEAP_FLAGS: readonly string[] = ["--heap-growing-percent=25"];

/** Applies HEAP_FLAGS to this process: call it first thing, before the heap grows. */
export function tuneHeap(): void {
  for (const flag of HEAP_FLAGS) setFlagsFromString(flag);
}

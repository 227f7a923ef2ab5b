// Coalesces events from all watchers into batches: the store notifies once per
// batch, so a burst of watch events costs one analysis (the controller throttles too).
import type { SourceEvent } from "../source.js";

export class Batcher {
  private queue: SourceEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly sink: (events: SourceEvent[]) => void,
    private readonly delayMs = 20,
  ) {}

  push(events: SourceEvent[]): void {
    if (this.closed || !events.length) return;
    for (const e of events) this.queue.push(e);
    this.timer ??= setTimeout(() => this.flush(), this.delayMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.closed || !this.queue.length) return;
    const batch = this.queue;
    this.queue = [];
    this.sink(batch);
  }

  /** Drops whatever is queued; later pushes are ignored (the source stopped). */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = [];
  }
}

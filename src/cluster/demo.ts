// The demo source: an embedded insecure cluster plus a scripted stream of
// changes, so a newcomer sees the live UI without a cluster.
import { demoObjects } from "./demo/cluster.js";
import { DEMO_SERVER_INFO } from "./demo/control-plane.js";
import { demoSteps } from "./demo/script.js";
import { KINDS } from "./objects.js";
import { project } from "./project.js";
import { serverInfoObject } from "./server-info.js";
import type { Source, SourceEvent, SourceInfo, SourceProblem } from "./source.js";

export interface DemoOptions {
  /** Milliseconds between scripted changes; 0 disables the script (scan mode). */
  intervalMs: number;
  note?: string;
}

export class DemoSource implements Source {
  readonly info: SourceInfo;
  readonly kinds = KINDS.map((k) => k.kind);
  private timer: NodeJS.Timeout | undefined;
  /** Called with each scripted step's label, for the activity line. */
  onStep: ((label: string) => void) | undefined;

  constructor(private readonly options: DemoOptions) {
    this.info = {
      kind: "demo",
      context: "kubeward-demo",
      cluster: "demo",
      user: "demo-admin",
      serverVersion: DEMO_SERVER_INFO.version.gitVersion,
      ...(options.note ? { note: options.note } : {}),
    };
  }

  async start(emit: (events: SourceEvent[]) => void): Promise<void> {
    const events: SourceEvent[] = [];
    for (const raw of demoObjects()) {
      const object = project(raw);
      if (object) events.push({ type: "added", object });
    }
    events.push({ type: "added", object: serverInfoObject(DEMO_SERVER_INFO) });
    for (const kind of this.kinds) events.push({ type: "status", kind, state: "connected" }, { type: "synced", kind });
    emit(events);
    if (this.options.intervalMs <= 0) return;
    const steps = demoSteps();
    let next = 0;
    this.timer = setInterval(() => {
      const step = steps[next++ % steps.length]!;
      const object = project(step.object);
      if (!object) return;
      emit([{ type: step.type, object }]);
      this.onStep?.(step.label);
    }, this.options.intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  problems(): SourceProblem[] {
    return [];
  }
}

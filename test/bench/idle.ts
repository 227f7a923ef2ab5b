// CPU used while watching with nothing happening: the TUI mounted over a
// synthetic cluster, no events, measured with process.cpuUsage().
import { performance } from "node:perf_hooks";
import { Controller } from "../../src/app/controller.js";
import { Session } from "../../src/commands/session.js";
import { mountTui } from "./ink-null.js";
import { BenchSource, loadSynthetic } from "./source.js";

export interface IdleBench {
  pods: number;
  seconds: number;
  /** Percent of one core. */
  cpuPercent: number;
  frames: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchIdle(pods: number, seconds: number): Promise<IdleBench> {
  const source = new BenchSource();
  const session = new Session(source);
  await session.start();
  loadSynthetic(source, { pods });
  const controller = new Controller(session);
  const tui = mountTui(controller);
  let frames = 0;
  tui.onFrame(() => frames++);
  await sleep(2000); // settle: first frame, GC after the load
  frames = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const cpu = process.cpuUsage(cpu0);
  const wallUs = (performance.now() - t0) * 1000;
  tui.unmount();
  controller.dispose();
  session.stop();
  return { pods, seconds, cpuPercent: Math.round(((cpu.user + cpu.system) / wallUs) * 10_000) / 100, frames };
}

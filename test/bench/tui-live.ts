// The live TUI on the real API server: `kubeward --kubeconfig …` started in a
// pseudo-terminal of 160×48 (util-linux `script`), timed from the spawn to its first
// frame (the first visible text it writes) and to the first frame whose header says
// every kind is live ("N/N kinds live"); then its peak RSS (VmHWM of the node
// process) is read before `q` ends it.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { STARTUP_FLAGS } from "../../src/util/heap.js";
import { shellQuote } from "../../src/util/shell.js";

export interface TuiLiveBench {
  width: number;
  height: number;
  firstFrameMs?: number;
  allLiveMs?: number;
  /** Header text of the frame that had every kind live. */
  liveText?: string;
  peakRssMb?: number;
  error?: string;
}

// CSI/OSC sequences and other escapes, so the text is what the screen shows.
const ESCAPES = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/g;
export const visible = (s: string) => s.replace(ESCAPES, "");
const ALL_LIVE = /(\d+)\/(\d+) kinds live/;

function hwmMb(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round(Number(m[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

export function benchTuiLive(
  bin: string,
  kubeconfig: string,
  opts: { width?: number; height?: number; timeoutMs?: number; settleMs?: number } = {},
): Promise<TuiLiveBench> {
  const width = opts.width ?? 160;
  const height = opts.height ?? 48;
  const out: TuiLiveBench = { width, height };
  // The shell writes its pid and execs node in its place: that pid is the TUI's.
  const pidFile = join(mkdtempSync(join(tmpdir(), "kubeward-bench-tui-")), "pid");
  const command = `stty cols ${width} rows ${height}; echo $$ > ${shellQuote(pidFile)}; exec ${shellQuote(process.execPath)} ${STARTUP_FLAGS.join(" ")} ${shellQuote(bin)} --kubeconfig ${shellQuote(kubeconfig)}`;
  return new Promise((resolve) => {
    const t0 = performance.now();
    const p = spawn("script", ["-qfec", command, "/dev/null"], {
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, TERM: "xterm-256color", NODE_ENV: "production", CI: "" },
    });
    let tail = "";
    let done = false;
    let node: number | undefined;
    let peak = 0;
    // VmHWM is a high-water mark: reading it last is enough, but the process may be gone by then.
    const sample = () => {
      if (node === undefined) {
        try {
          node = Number(readFileSync(pidFile, "utf8").trim()) || undefined;
        } catch {}
      }
      if (node !== undefined) peak = Math.max(peak, hwmMb(node) ?? 0);
    };
    const sampler = setInterval(sample, 200);
    const finish = (error?: string) => {
      if (done) return;
      done = true;
      sample();
      clearInterval(sampler);
      clearTimeout(timer);
      if (error) out.error = error;
      if (peak) out.peakRssMb = peak;
      rmSync(dirname(pidFile), { recursive: true, force: true });
      p.stdin.write("q");
      setTimeout(() => p.kill("SIGTERM"), 3000).unref();
      resolve(out);
    };
    const timer = setTimeout(() => finish("timed out before every kind was live"), opts.timeoutMs ?? 180_000);
    p.stdout.on("data", (d: Buffer) => {
      const at = performance.now() - t0;
      const text = visible(d.toString("utf8"));
      if (out.firstFrameMs === undefined && text.trim()) out.firstFrameMs = Math.round(at);
      tail = (tail + text).slice(-4000);
      const m = ALL_LIVE.exec(tail);
      if (out.allLiveMs === undefined && m && m[1] === m[2] && m[1] !== "0") {
        out.allLiveMs = Math.round(at);
        out.liveText = m[0];
        // Let the first analysis land and the heap settle before the high-water mark is read.
        setTimeout(() => finish(), opts.settleMs ?? 5000);
      }
    });
    p.on("close", (code) => finish(out.allLiveMs === undefined ? `the TUI exited (${code})` : undefined));
  });
}

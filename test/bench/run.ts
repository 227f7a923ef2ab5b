// `npm run bench [-- --json] [--sizes 1000,10000] [--quick] [--skip name,...]`
// Each measurement runs in its own child process (sizes never share a heap);
// the parent prints a table, or with --json one JSON object on the last line.
import { spawn } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { STARTUP_FLAGS, tuneHeap } from "../../src/util/heap.js";
import { benchAnalysis } from "./analysis.js";
import { benchApiserver } from "./apiserver.js";
import { benchEvents } from "./events.js";
import { benchFiles } from "./files.js";
import { benchFuzzy } from "./fuzzy.js";
import { benchIdle } from "./idle.js";
import { benchRbac } from "./rbac.js";
import { benchReach } from "./reach.js";

const MARK = "BENCH_RESULT ";
const SIZES = [1_000, 10_000, 50_000, 150_000];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

/** Child mode: run one measurement, print its result after MARK. */
async function child(name: string): Promise<void> {
  // As bin/kubeward.js does, before anything fills the heap: every figure is the CLI's.
  tuneHeap();
  const size = Number(arg("size") ?? 1000);
  const seconds = Number(arg("seconds") ?? 10);
  let result: unknown;
  switch (name) {
    case "analysis":
      result = await benchAnalysis(size, Number(arg("updates") ?? 5));
      break;
    case "events":
      result = await benchEvents(size, Number(arg("rate") ?? 500), seconds);
      break;
    case "idle":
      result = await benchIdle(size, seconds);
      break;
    case "fuzzy":
      result = await benchFuzzy(size);
      break;
    case "rbac":
      result = benchRbac();
      break;
    case "files":
      result = benchFiles(Number(arg("mb") ?? 10));
      break;
    case "reach":
      result = benchReach(size);
      break;
    case "apiserver":
      result = await benchApiserver(size, Number(arg("reps") ?? 3));
      break;
    default:
      throw new Error(`unknown bench ${name}`);
  }
  process.stdout.write(`\n${MARK}${JSON.stringify(result)}\n`);
  process.exit(0);
}

function runChild(name: string, args: string[], log: (s: string) => void): Promise<unknown> {
  return new Promise((resolve) => {
    const script = fileURLToPath(import.meta.url);
    // The V8 flags bin/kubeward.js starts the CLI with, so memory figures are the CLI's.
    const p = spawn(process.execPath, ["--expose-gc", ...STARTUP_FLAGS, script, "--child", name, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      // Like bin/kubeward.js: React's production build (its development build diffs every render's props).
      env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? "production" },
    });
    let out = "";
    let err = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => {
      err += d;
      log(String(d).trimEnd());
    });
    p.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith(MARK));
      if (line) resolve(JSON.parse(line.slice(MARK.length)));
      else resolve({ error: `exit ${code}: ${(err || out).trim().split("\n").slice(-5).join(" | ")}` });
    });
  });
}

async function main(): Promise<void> {
  const json = flag("json");
  const quick = flag("quick");
  const skip = new Set((arg("skip") ?? "").split(",").filter(Boolean));
  const sizes = (arg("sizes") ?? (quick ? "1000" : SIZES.join(","))).split(",").map(Number);
  const top = Math.max(...sizes);
  const mid = sizes.includes(10_000) ? 10_000 : top;
  const log = (s: string) => (json ? process.stderr.write(`${s}\n`) : process.stdout.write(`${s}\n`));
  const step = async (name: string, args: string[]) => {
    log(`· ${name} ${args.join(" ")}`);
    const r = await runChild(name, args, (s) => log(`  ${s}`));
    log(`  ${JSON.stringify(r)}`);
    return r;
  };

  const report: Record<string, unknown> = {
    version: 1,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: process.platform,
    },
    startedAt: new Date().toISOString(),
  };
  if (!skip.has("analysis")) {
    report.analysis = [];
    for (const size of sizes) (report.analysis as unknown[]).push(await step("analysis", ["--size", String(size)]));
  }
  if (!skip.has("events"))
    report.events = await step("events", ["--size", String(mid), "--rate", "500", "--seconds", quick ? "1" : "10"]);
  if (!skip.has("fuzzy")) report.fuzzy = await step("fuzzy", ["--size", String(top)]);
  if (!skip.has("idle")) report.idle = await step("idle", ["--size", String(mid), "--seconds", quick ? "1" : "10"]);
  if (!skip.has("rbac") && !quick) report.rbac = await step("rbac", []);
  if (!skip.has("reach")) report.reach = await step("reach", ["--size", String(mid)]);
  if (!skip.has("apiserver") && !quick) {
    const apiSizes = (arg("api-sizes") ?? "10000").split(",").map(Number);
    report.apiserver = [];
    for (const size of apiSizes)
      (report.apiserver as unknown[]).push(
        await step("apiserver", ["--size", String(size), "--reps", arg("reps") ?? "3"]),
      );
  }
  if (!skip.has("files")) {
    report.files = [];
    for (const mb of (arg("file-mb") ?? (quick ? "1" : "10,100")).split(",").map(Number))
      (report.files as unknown[]).push(await step("files", ["--mb", String(mb)]));
  }
  report.finishedAt = new Date().toISOString();
  if (!json) log(summary(report));
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

// biome-ignore lint/suspicious/noExplicitAny: report rows are plain JSON
function summary(r: any): string {
  const lines = [
    "",
    "pods      objects  findings  ingest ms  analyze ms  first-analysis ms  pod-update ms  peak RSS MiB",
  ];
  for (const a of r.analysis ?? []) {
    if (a.error) lines.push(`error: ${a.error}`);
    else
      lines.push(
        [a.pods, a.objects, a.findings, a.ingestMs, a.analyzeMs, a.firstAnalysisMs, a.podUpdateMs, a.peakRssMb]
          .map((x, i) => String(x).padEnd([10, 9, 10, 11, 12, 19, 15, 12][i]!))
          .join(""),
      );
  }
  if (r.events) lines.push("", `events: ${JSON.stringify(r.events)}`);
  if (r.fuzzy) lines.push(`fuzzy: ${JSON.stringify(r.fuzzy)}`);
  if (r.idle) lines.push(`idle: ${JSON.stringify(r.idle)}`);
  if (r.rbac) lines.push(`rbac: ${JSON.stringify(r.rbac)}`);
  if (r.reach) lines.push(`reach --all: ${JSON.stringify(r.reach)}`);
  for (const a of r.apiserver ?? []) lines.push(`apiserver: ${JSON.stringify(a)}`);
  for (const f of r.files ?? []) lines.push(`files (--file ingest): ${JSON.stringify(f)}`);
  return lines.join("\n");
}

const childName = arg("child");
(childName ? child(childName) : main()).catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

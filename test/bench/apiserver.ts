// The real API server (test/cluster scripts: etcd + kube-apiserver on loopback)
// loaded with a synthetic cluster; then, interleaved on the same server as the
// same user: `kubectl get <every kind kubeward reads> -A -o json` and
// `kubeward scan --kubeconfig … -o json`, wall time each. Reported as a ratio.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { KINDS } from "../../src/cluster/objects.js";
import type { FloorResult } from "./floor.js";
import { syntheticCluster } from "./generate.js";
import { round1 } from "./proc.js";
import { benchTuiLive, type TuiLiveBench } from "./tui-live.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const SCRIPTS = join(ROOT, "test/cluster");

interface Exec {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

function exec(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env, keepStdout = true): Promise<Exec> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let bytes = 0;
    let stderr = "";
    p.stdout.on("data", (d: Buffer) => {
      bytes += d.length;
      if (keepStdout) out.push(d);
    });
    p.stderr.on("data", (d) => (stderr += d));
    p.on("error", reject);
    p.on("close", (code) =>
      resolve({
        code: code ?? 1,
        stdout: keepStdout ? Buffer.concat(out).toString("utf8") : String(bytes),
        stderr,
        ms: performance.now() - t0,
      }),
    );
  });
}

function parseEnv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const i = line.indexOf("=");
    if (i > 0) env[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return env;
}

async function script(name: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const r = await exec(join(SCRIPTS, name), args, env);
  if (r.code !== 0) throw new Error(`${name} failed (${r.code}): ${r.stderr.slice(-2000)}`);
  return r.stdout;
}

export interface ApiserverBench {
  pods: number;
  objects?: number;
  loadSeconds?: number;
  loadMethod?: string;
  podsOnServer?: number;
  kubectlMs?: number[];
  kubewardMs?: number[];
  kubectlMedianMs?: number;
  kubewardMedianMs?: number;
  /** kubeward / kubectl, medians. */
  ratio?: number;
  /** The floor (test/bench/floor.ts): a plain paginated list of the same kinds, bytes counted, per run. */
  floorMs?: number[];
  floorMedianMs?: number;
  floorBytes?: number;
  floorPages?: number;
  /** Optional kinds the server does not serve (not listed by any of the three). */
  notServed?: string[];
  /** kubeward scan / floor and kubectl get / floor, medians. */
  scanOverFloor?: number;
  kubectlOverFloor?: number;
  /** The live TUI on the same server (test/bench/tui-live.ts), after the scans. */
  tui?: TuiLiveBench;
  /** TUI all-kinds-live time / floor median. */
  tuiLiveOverFloor?: number;
  kubectlBytes?: number;
  kubewardFindings?: number;
  kubewardWorkloads?: number;
  createErrors?: number;
  firstCreateError?: string;
  skipped?: string;
  error?: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Creates the objects with `kubectl create -f` of List files, several in parallel. */
async function load(
  kubectl: string,
  kubeconfig: string,
  pods: number,
  dir: string,
): Promise<{ objects: number; ms: number; errors: string[] }> {
  const clusterScoped: unknown[] = [];
  const groups: unknown[][] = [];
  let group: unknown[] = [];
  let ns = "";
  let objects = 0;
  const scopedKinds = new Set(KINDS.filter((k) => !k.namespaced).map((k) => k.kind));
  for (const o of syntheticCluster({ pods, forCreate: true })) {
    objects++;
    const meta = o.metadata as { namespace?: string };
    if (scopedKinds.has(o.kind as string)) {
      clusterScoped.push(o);
      continue;
    }
    if (meta.namespace !== ns && group.length >= 2000) {
      groups.push(group);
      group = [];
    }
    ns = meta.namespace ?? ns;
    group.push(o);
  }
  if (group.length) groups.push(group);
  const files: string[] = [];
  const write = async (items: unknown[], i: number) => {
    const f = join(dir, `load-${i}.json`);
    await writeFile(f, JSON.stringify({ apiVersion: "v1", kind: "List", items }));
    return f;
  };
  const first = await write(clusterScoped, 0);
  for (let i = 0; i < groups.length; i++) files.push(await write(groups[i]!, i + 1));
  const t0 = performance.now();
  const errors: string[] = [];
  const create = async (f: string) => {
    const r = await exec(kubectl, ["--kubeconfig", kubeconfig, "create", "-f", f, "-o", "name"], process.env, false);
    if (r.code !== 0) errors.push(...r.stderr.split("\n").filter((l) => l.startsWith("Error")));
  };
  await create(first);
  let next = 0;
  const workers = Array.from({ length: 6 }, async () => {
    while (next < files.length) await create(files[next++]!);
  });
  await Promise.all(workers);
  return { objects, ms: performance.now() - t0, errors };
}

export async function benchApiserver(pods: number, reps: number): Promise<ApiserverBench> {
  if (!existsSync(join(SCRIPTS, "start-control-plane.sh")))
    return { pods, skipped: "test/cluster/start-control-plane.sh is not in this build (the live tier is not merged)" };
  const bins = parseEnv(await script("build-control-plane.sh", []));
  const dir = await mkdtemp(join(tmpdir(), "kubeward-bench-cp-"));
  const env = {
    ...process.env,
    KUBE_APISERVER: bins.KUBE_APISERVER,
    KUBECTL: bins.KUBECTL,
    ETCD: bins.ETCD,
    KUBEWARD_CP_WATCH_PID: String(process.pid),
  };
  await script("start-control-plane.sh", [dir], env);
  const cp = parseEnv(await readFile(join(dir, "cluster.env"), "utf8"));
  const kubectl = cp.KUBECTL!;
  const out: ApiserverBench = { pods };
  try {
    const loaded = await load(kubectl, cp.ADMIN_KUBECONFIG!, pods, dir);
    out.objects = loaded.objects;
    out.loadSeconds = round1(loaded.ms / 1000);
    out.loadMethod = "kubectl create -f <List of ~2,000 objects>, 6 in parallel";
    out.createErrors = loaded.errors.length;
    if (loaded.errors.length) out.firstCreateError = loaded.errors[0];
    const names = await exec(kubectl, ["--kubeconfig", cp.ADMIN_KUBECONFIG!, "get", "pods", "-A", "--no-headers"]);
    out.podsOnServer = names.stdout.split("\n").filter(Boolean).length;
    // The optional kinds (CRDs, alpha APIs) only when served: `kubectl get` fails on a resource type the
    // server does not have. The floor's discovery (run first) says which.
    let notServed: string[] = KINDS.filter((k) => k.optional).map((k) => k.kind);
    const resources = () =>
      KINDS.filter((k) => !notServed.includes(k.kind))
        .map((k) => k.plural)
        .join(",");
    const kubectlMs: number[] = [];
    const kubewardMs: number[] = [];
    const bin = join(ROOT, "bin/kubeward.js");
    const runKubectl = async () => {
      const r = await exec(
        kubectl,
        ["--kubeconfig", cp.KUBEWARD_KUBECONFIG!, "get", resources(), "-A", "-o", "json"],
        process.env,
        false,
      );
      if (r.code !== 0) throw new Error(`kubectl get: ${r.stderr.slice(-500)}`);
      kubectlMs.push(Math.round(r.ms));
      out.kubectlBytes = Number(r.stdout);
    };
    const floorMs: number[] = [];
    const runFloor = async () => {
      const r = await exec(process.execPath, [join(ROOT, "dist/test/bench/floor.js"), cp.KUBEWARD_KUBECONFIG!]);
      if (r.code !== 0) throw new Error(`floor: ${r.stderr.slice(-500)}`);
      const f = JSON.parse(r.stdout) as FloorResult;
      // Wall time of the process, as for kubectl and kubeward (node startup included).
      floorMs.push(Math.round(r.ms));
      out.floorBytes = f.bytes;
      out.floorPages = f.pages;
      notServed = f.notServed;
      out.notServed = f.notServed;
    };
    const runKubeward = async () => {
      const r = await exec(process.execPath, [bin, "scan", "--kubeconfig", cp.KUBEWARD_KUBECONFIG!, "-o", "json"]);
      // Exit 1 means findings at the fail threshold; 2 means source problems.
      if (r.code !== 0 && r.code !== 1) throw new Error(`kubeward scan exit ${r.code}: ${r.stderr.slice(-500)}`);
      kubewardMs.push(Math.round(r.ms));
      const report = JSON.parse(r.stdout) as { findings: unknown[]; workloads: unknown[] };
      out.kubewardFindings = report.findings.length;
      out.kubewardWorkloads = report.workloads.length;
    };
    for (let i = 0; i < reps; i++) {
      // Interleaved, alternating which goes first, so neither always meets a warm cache.
      if (i % 2 === 0) {
        await runFloor();
        await runKubectl();
        await runKubeward();
      } else {
        await runKubeward();
        await runKubectl();
        await runFloor();
      }
    }
    out.kubectlMs = kubectlMs;
    out.kubewardMs = kubewardMs;
    out.kubectlMedianMs = median(kubectlMs);
    out.kubewardMedianMs = median(kubewardMs);
    out.ratio = Math.round((out.kubewardMedianMs / out.kubectlMedianMs) * 100) / 100;
    out.floorMs = floorMs;
    out.floorMedianMs = median(floorMs);
    const overFloor = (ms: number) => Math.round((ms / out.floorMedianMs!) * 100) / 100;
    out.scanOverFloor = overFloor(out.kubewardMedianMs);
    out.kubectlOverFloor = overFloor(out.kubectlMedianMs);
    out.tui = await benchTuiLive(bin, cp.KUBEWARD_KUBECONFIG!);
    if (out.tui.allLiveMs !== undefined) out.tuiLiveOverFloor = overFloor(out.tui.allLiveMs);
  } catch (err) {
    out.error = err instanceof Error ? err.message : String(err);
  } finally {
    await script("stop-control-plane.sh", [dir], env).catch(() => "");
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}

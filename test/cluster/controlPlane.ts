// Real control plane (etcd + kube-apiserver, built from Go modules) for the "cluster" test tier.
// Thin wrapper over the bash scripts next to this file; Node >= 22 built-ins only.
//
//   const cp = await startControlPlane();
//   await cp.kubectl(['get', 'ns']);                        // as kubeward-admin (system:masters)
//   await cp.kubectl(['get', 'pods', '-A'], { kubeconfig: cp.kubewardKubeconfig });
//   const events = await cp.auditEvents();
//   await cp.stop();
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface KubectlOptions {
  /** Kubeconfig to use; default: the admin kubeconfig. */
  kubeconfig?: string;
  /** Written to kubectl's stdin (e.g. a manifest for `apply -f -`). */
  input?: string;
  timeoutMs?: number;
}

/** One line of the apiserver's JSON audit log (audit.k8s.io/v1 Event, Metadata level). */
export interface AuditEvent {
  auditID: string;
  stage: string;
  verb: string;
  requestURI: string;
  user: { username: string; groups?: string[] };
  objectRef?: { resource?: string; namespace?: string; name?: string; apiGroup?: string; subresource?: string };
  responseStatus?: { code?: number };
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

export interface ControlPlaneBinaries {
  k8sVersion: string;
  etcdVersion: string;
  kubeApiserver: string;
  kubectl: string;
  etcd: string;
}

export interface ControlPlane {
  /** Work dir holding certs, kubeconfigs, logs, audit log, cluster.env. */
  dir: string;
  /** e.g. https://127.0.0.1:43121 */
  server: string;
  adminKubeconfig: string;
  kubewardKubeconfig: string;
  lowprivKubeconfig: string;
  kubectlPath: string;
  auditLogPath: string;
  /** Everything from <dir>/cluster.env (ports, pids, paths). */
  env: Record<string, string>;
  kubectl(args: string[], opts?: KubectlOptions): Promise<ExecResult>;
  /** Create a namespace plus its "default" ServiceAccount (no controller-manager does that here). */
  createNamespace(name: string): Promise<void>;
  auditEvents(): Promise<AuditEvent[]>;
  /** Kill kube-apiserver only and start it again on the same port against the same etcd. */
  restartApiserver(opts?: RestartOptions): Promise<void>;
  /** Stop apiserver + etcd. Removes the work dir if startControlPlane created it, unless keepDir
   *  (or env KUBEWARD_CP_KEEP=1) is set. */
  stop(opts?: { keepDir?: boolean }): Promise<void>;
}

export interface RestartOptions {
  /** 'TERM' (graceful, default) or 'KILL' (simulated crash). */
  signal?: "TERM" | "KILL";
  /** Stay down this long before starting again (default 0). */
  downSeconds?: number;
}

export interface StartOptions {
  /** Work dir (must not already hold a control plane); default: a fresh mkdtemp dir. */
  dir?: string;
  /** Extra kube-apiserver flags. */
  extraApiserverArgs?: string[];
}

function run(
  cmd: string,
  args: string[],
  opts: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      env: opts.env ?? process.env,
      stdio: ["pipe", "pipe", "pipe"],
      timeout: opts.timeoutMs,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
    // A child that exits without reading stdin (EPIPE) is not an error of the run.
    child.stdin.on("error", () => {});
    child.stdin.end(opts.input ?? "");
  });
}

/** A cluster.env / build output value that must be there (strict index access). */
function need(env: Record<string, string>, key: string): string {
  const v = env[key];
  if (v === undefined) throw new Error(`control plane: ${key} missing from the script's output`);
  return v;
}

function parseEnv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const i = line.indexOf("=");
    if (i > 0) env[line.slice(0, i)] = line.slice(i + 1);
  }
  return env;
}

async function script(name: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  const r = await run(join(HERE, name), args, { env });
  if (r.code !== 0) {
    throw new Error(`test/cluster/${name} ${args.join(" ")} failed (exit ${r.code}):\n${r.stderr.slice(-4000)}`);
  }
  return r.stdout;
}

/** Build (or reuse from the cache) kube-apiserver, kubectl and etcd. Throws if Go is missing. */
export async function buildControlPlane(): Promise<ControlPlaneBinaries> {
  const go = process.env.GO ?? "go";
  try {
    await run(go, ["version"]);
  } catch {
    throw new Error(
      `Go toolchain not found ('${go}'). The cluster test tier builds etcd and kube-apiserver from ` +
        `source and needs Go >= 1.26: install it from https://go.dev/dl/, put 'go' on PATH (or set GO=...).`,
    );
  }
  const env = parseEnv(await script("build-control-plane.sh", []));
  return {
    k8sVersion: need(env, "K8S_VERSION"),
    etcdVersion: need(env, "ETCD_VERSION"),
    kubeApiserver: need(env, "KUBE_APISERVER"),
    kubectl: need(env, "KUBECTL"),
    etcd: need(env, "ETCD"),
  };
}

/** Build if needed, then start etcd + kube-apiserver on 127.0.0.1 (free ports) and wait for /readyz. */
export async function startControlPlane(opts: StartOptions = {}): Promise<ControlPlane> {
  const bins = await buildControlPlane();
  const ownDir = !opts.dir;
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), "kubeward-cp-")));
  await script("start-control-plane.sh", [dir], {
    ...process.env,
    KUBE_APISERVER: bins.kubeApiserver,
    KUBECTL: bins.kubectl,
    ETCD: bins.etcd,
    KUBEWARD_APISERVER_EXTRA_ARGS: (opts.extraApiserverArgs ?? []).join(" "),
    // Watchdog: stop the control plane if this Node process dies without calling stop().
    KUBEWARD_CP_WATCH_PID: String(process.pid),
  });
  const env = parseEnv(await readFile(join(dir, "cluster.env"), "utf8"));

  const cp: ControlPlane = {
    dir,
    server: need(env, "SERVER"),
    adminKubeconfig: need(env, "ADMIN_KUBECONFIG"),
    kubewardKubeconfig: need(env, "KUBEWARD_KUBECONFIG"),
    lowprivKubeconfig: need(env, "LOWPRIV_KUBECONFIG"),
    kubectlPath: need(env, "KUBECTL"),
    auditLogPath: need(env, "AUDIT_LOG"),
    env,
    kubectl(args, o = {}) {
      return run(need(env, "KUBECTL"), ["--kubeconfig", o.kubeconfig ?? need(env, "ADMIN_KUBECONFIG"), ...args], {
        input: o.input,
        timeoutMs: o.timeoutMs ?? 60_000,
      });
    },
    async createNamespace(name) {
      const manifest =
        `{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"${name}"}}\n` +
        `{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"default","namespace":"${name}"}}\n`;
      const r = await cp.kubectl(["apply", "-f", "-"], { input: manifest });
      if (r.code !== 0) throw new Error(`createNamespace ${name} failed: ${r.stderr}`);
    },
    async auditEvents() {
      let text: string;
      try {
        text = await readFile(need(env, "AUDIT_LOG"), "utf8");
      } catch {
        return [];
      }
      const events: AuditEvent[] = [];
      for (const line of text.split("\n")) {
        if (!line.trim()) continue;
        try {
          events.push(JSON.parse(line) as AuditEvent);
        } catch {
          // a line still being written; ignore
        }
      }
      return events;
    },
    async restartApiserver(o = {}) {
      await script("restart-apiserver.sh", [dir], {
        ...process.env,
        KUBEWARD_CP_RESTART_SIGNAL: o.signal ?? "TERM",
        KUBEWARD_CP_DOWN_SECONDS: String(o.downSeconds ?? 0),
      });
      Object.assign(env, parseEnv(await readFile(join(dir, "cluster.env"), "utf8")));
    },
    async stop(o = {}) {
      await script("stop-control-plane.sh", [dir]);
      if (ownDir && !o.keepDir && process.env.KUBEWARD_CP_KEEP !== "1") {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
  return cp;
}

// Shared pieces of the cluster tier: one real control plane per test file,
// kubectl as admin, kubeward runs, polling, and the insecure seed.
import { afterAll, beforeAll } from "vitest";
import { runCli } from "../support/cli.js";
import { type ControlPlane, type KubectlOptions, startControlPlane } from "./controlPlane.js";

/** Starts (building on first use, cached after) a control plane for this file; stops it after. */
export function useControlPlane(): () => ControlPlane {
  let cp: ControlPlane | undefined;
  beforeAll(async () => {
    cp = await startControlPlane();
  }, 3_600_000);
  afterAll(async () => {
    await cp?.stop();
  });
  return () => {
    if (!cp) throw new Error("the control plane did not start");
    return cp;
  };
}

export async function kubectl(cp: ControlPlane, args: string[], opts: KubectlOptions = {}): Promise<string> {
  const r = await cp.kubectl(args, opts);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(" ")} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

export async function applyObjects(cp: ControlPlane, objects: unknown[]): Promise<void> {
  await kubectl(cp, ["apply", "-f", "-"], {
    input: JSON.stringify({ apiVersion: "v1", kind: "List", items: objects }),
  });
}

/** Polls `check` (every 250 ms) until it returns a value other than undefined/false. */
export async function poll<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}

/** Runs the built CLI against the control plane (as the read-only `kubeward` user by default). */
export function kubeward(args: string[], kubeconfig: string) {
  return runCli([...args, "--kubeconfig", kubeconfig]);
}

export const CANARY = "kw-canary-7f3Qx9-do-not-print";

export const privileged = { privileged: true };

export function pod(namespace: string, name: string, securityContext: object = privileged) {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace, labels: { app: name } },
    spec: { containers: [{ name: "app", image: "nginx:1.27", securityContext }] },
  };
}

function template(app: string, restartPolicy?: string) {
  return {
    metadata: { labels: { app } },
    spec: {
      ...(restartPolicy ? { restartPolicy } : {}),
      containers: [{ name: "app", image: "nginx:1.27", securityContext: privileged }],
    },
  };
}

/** Insecure workloads of every controller kind, and a Secret holding the canary value. */
export function insecureSeed(ns: string): unknown[] {
  const selector = (app: string) => ({ matchLabels: { app } });
  return [
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: ns },
      spec: { selector: selector("web"), template: template("web") },
    },
    {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "db", namespace: ns },
      spec: { serviceName: "db", selector: selector("db"), template: template("db") },
    },
    {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: "agent", namespace: ns },
      spec: { selector: selector("agent"), template: template("agent") },
    },
    {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "nightly", namespace: ns },
      spec: { schedule: "0 3 * * *", jobTemplate: { spec: { template: template("nightly", "OnFailure") } } },
    },
    {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "migrate", namespace: ns },
      spec: { template: template("migrate", "Never") },
    },
    {
      apiVersion: "v1",
      kind: "ReplicationController",
      metadata: { name: "legacy", namespace: ns },
      spec: { selector: { app: "legacy" }, template: template("legacy") },
    },
    pod(ns, "bare"),
    { apiVersion: "v1", kind: "Secret", metadata: { name: "canary", namespace: ns }, stringData: { password: CANARY } },
    // The namespace's default account, automounting its token (CIS 5.1.5): its patch must be accepted too.
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default", namespace: ns } },
  ];
}

/** True when `text` contains the canary value, plain or base64-encoded. */
export function leaksCanary(text: string): boolean {
  return text.includes(CANARY) || text.includes(Buffer.from(CANARY).toString("base64"));
}

export const READ_VERBS = new Set(["get", "list", "watch"]);

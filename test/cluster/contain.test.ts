// Containment against a real kube-apiserver: the bundle's quarantine policy is accepted
// by the server, running the bundle's own scripts isolates the pod both ways in
// kubeward's analysis, and the detach label leaves the pod outside its ReplicaSet.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { applyObjects, kubectl, kubeward, pod, useControlPlane } from "./harness.js";

const NS = "incident";
const cp = useControlPlane();
const work = mkdtempSync(join(tmpdir(), "kubeward-contain-"));

const container = { name: "app", image: "nginx:1.27", securityContext: { privileged: true } };
const rsLabels = { app: "web", "pod-template-hash": "5f7c9d" };

/** Runs one of the bundle's step scripts as the operator would: kubectl on PATH, admin credentials. */
function runStep(dir: string, script: string) {
  const bin = join(work, "bin");
  mkdirSync(bin, { recursive: true });
  try {
    symlinkSync(cp().kubectlPath, join(bin, "kubectl"));
  } catch {
    // already linked
  }
  const r = spawnSync("sh", [script], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, KUBECONFIG: cp().adminKubeconfig },
  });
  if (r.status !== 0) throw new Error(`${script} failed (${r.status}): ${r.stderr}`);
  return r;
}

interface Workload {
  kind: string;
  namespace?: string;
  name: string;
  isolation?: { ingress: boolean; egress: boolean };
}

function isolationOf(name: string) {
  const r = kubeward(["scan", "-o", "json"], cp().kubewardKubeconfig);
  if (r.code !== 0) throw new Error(`scan exited ${r.code}: ${r.stderr}`);
  const report = JSON.parse(r.stdout) as { workloads: Workload[] };
  return report.workloads.find((w) => w.kind === "Pod" && w.namespace === NS && w.name === name)?.isolation;
}

beforeAll(async () => {
  await cp().createNamespace(NS);
  // No controller-manager runs here: the ReplicaSet's pod is created by hand, owned the way the controller would.
  await applyObjects(cp(), [
    {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name: "web-5f7c9d", namespace: NS, labels: rsLabels },
      spec: {
        replicas: 1,
        selector: { matchLabels: rsLabels },
        template: { metadata: { labels: rsLabels }, spec: { containers: [container] } },
      },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web", namespace: NS },
      spec: { selector: { app: "web" }, ports: [{ port: 80 }] },
    },
    // An allow-all policy already selecting the pod: the quarantine must still leave it isolated in kubeward's eyes.
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "web-ingress", namespace: NS },
      spec: { podSelector: { matchLabels: { app: "web" } }, policyTypes: ["Ingress"], ingress: [{}] },
    },
  ]);
  const rsUid = (
    await kubectl(cp(), ["get", "replicaset", "web-5f7c9d", "-n", NS, "-o", "jsonpath={.metadata.uid}"])
  ).trim();
  await applyObjects(cp(), [
    {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "web-5f7c9d-abcde",
        namespace: NS,
        labels: rsLabels,
        ownerReferences: [
          { apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-5f7c9d", uid: rsUid, controller: true },
        ],
      },
      spec: { nodeName: "node-a", containers: [container] },
    },
    pod(NS, "bystander"),
  ]);
});

describe("kubeward contain on a live cluster", () => {
  it("writes a bundle whose quarantine policy the API server accepts, and whose steps isolate the pod both ways and detach it", async () => {
    const before = isolationOf("web-5f7c9d-abcde");
    expect(before).toMatchObject({ egress: false });

    const dir = join(work, "bundle");
    const r = kubeward(["contain", "web-5f7c9d-abcde", "-n", NS, "--out", dir], cp().kubewardKubeconfig);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const runbook = readFileSync(join(dir, "RUNBOOK.md"), "utf8");
    expect(runbook).toContain("ReplicaSet web-5f7c9d lets go");
    expect(runbook).toMatch(/Already selected for ingress by web-ingress/);

    // 1. The server accepts the manifest as written.
    await kubectl(cp(), ["apply", "--dry-run=server", "-f", join(dir, "quarantine-networkpolicy.yaml")]);

    // 2. The bundle's own script: apply the policy, label the pod.
    runStep(dir, "2-quarantine.sh");
    expect(isolationOf("web-5f7c9d-abcde")).toEqual({ ingress: true, egress: true });
    expect(isolationOf("bystander")).toMatchObject({ egress: false });

    // 3. The detach label takes the pod out of its ReplicaSet's selector.
    runStep(dir, "3-detach.sh");
    const selector = JSON.parse(
      await kubectl(cp(), ["get", "replicaset", "web-5f7c9d", "-n", NS, "-o", "jsonpath={.spec.selector.matchLabels}"]),
    ) as Record<string, string>;
    const terms = Object.entries(selector)
      .map(([k, v]) => `${k}=${v}`)
      .join(",");
    const matched = await kubectl(cp(), ["get", "pods", "-n", NS, "-l", terms, "-o", "name"]);
    expect(matched).not.toContain("web-5f7c9d-abcde");
    const labels = JSON.parse(
      await kubectl(cp(), ["get", "pod", "web-5f7c9d-abcde", "-n", NS, "-o", "jsonpath={.metadata.labels}"]),
    ) as Record<string, string>;
    expect(labels["kubeward.io/quarantine"]).toMatch(/^q-[0-9a-f]{10}$/);
    expect(labels.app).toBe(`quarantined-${labels["kubeward.io/quarantine"]}`);
    // Still quarantined after the relabel (the quarantine label is untouched), and out of the Service.
    expect(isolationOf("web-5f7c9d-abcde")).toEqual({ ingress: true, egress: true });
    expect(runbook).toMatch(/leaves the endpoints of Service\(s\) web/);
  });

  it("a pod the user may not read is one clear line and exit 2", async () => {
    const dir = join(work, "forbidden");
    // lowpriv may list pods only in team-a: cluster-wide is forbidden, then so is this namespace.
    const r = kubeward(["contain", "web-5f7c9d-abcde", "-n", NS, "--out", dir], cp().lowprivKubeconfig);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pods are forbidden cluster-wide; reading namespace incident only/);
    expect(r.stderr).toMatch(/kubeward: cannot read pods \(forbidden/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("falls back to the pod's namespace for a user who may list pods only there", async () => {
    await applyObjects(cp(), [pod("team-a", "suspect")]);
    const dir = join(work, "team-a");
    const r = kubeward(["contain", "suspect", "-n", "team-a", "--out", dir], cp().lowprivKubeconfig);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Containment bundle for pod team-a/suspect written to");
  });
});

// The cluster posture panel against a real kube-apiserver.
//
// This tier runs kube-apiserver as a plain process, not as a static pod, so there
// is no mirror pod for kubeward to read. The test makes one that stands for it:
// a Pod in kube-system shaped like the mirror pod the kubelet would create for a
// kubeadm static manifest (labels component=kube-apiserver, tier=control-plane,
// annotation kubernetes.io/config.source=file), whose command is the running
// process's own argv, read from /proc/<pid>/cmdline. The server was started with
// a few deliberately weak flags on top of the tier's defaults; the findings must
// name exactly those weaknesses, with their CIS ids.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ControlPlane, startControlPlane } from "./controlPlane.js";
import { applyObjects, kubectl, kubeward, READ_VERBS } from "./harness.js";

interface JsonFinding {
  check: string;
  severity: string;
  message: string;
  path?: string;
  resource: { kind: string; namespace?: string; name: string };
}

/**
 * Weak on purpose: --profiling=true comes after the tier's own --profiling=false (the last one
 * wins), and every alpha API group version is served.
 */
const WEAK = ["--anonymous-auth=true", "--profiling=true", "--runtime-config=api/alpha=true"];

let cp: ControlPlane;
let argv: string[];

function scan(extra: string[] = [], kubeconfig = cp.kubewardKubeconfig) {
  const r = kubeward(["scan", "-o", "json", ...extra], kubeconfig);
  if (r.code !== 0 && r.code !== 1) throw new Error(`scan exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as { findings: JsonFinding[] };
}
const cis = (f: JsonFinding) => /CIS ([\d.]+)/.exec(f.message)?.[1];

beforeAll(async () => {
  cp = await startControlPlane({ extraApiserverArgs: WEAK });
  argv = readFileSync(`/proc/${cp.env.APISERVER_PID}/cmdline`, "utf8").split("\0").filter(Boolean);
  await applyObjects(cp, [
    {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "kube-apiserver-cp-1",
        namespace: "kube-system",
        labels: { component: "kube-apiserver", tier: "control-plane" },
        annotations: { "kubernetes.io/config.source": "file" },
      },
      spec: {
        nodeName: "cp-1",
        hostNetwork: true,
        containers: [
          {
            name: "kube-apiserver",
            image: "registry.k8s.io/kube-apiserver:v1.36.3",
            command: ["kube-apiserver", ...argv.slice(1)],
          },
        ],
      },
    },
    ...[
      ["cp-1", "v1.36.3"],
      ["worker-old", "v1.32.4"],
    ].map(([name]) => ({ apiVersion: "v1", kind: "Node", metadata: { name } })),
  ]);
  // A Node's versions live in its status: set them through the status subresource, as a kubelet does.
  for (const [name, version] of [
    ["cp-1", "v1.36.3"],
    ["worker-old", "v1.32.4"],
  ])
    await kubectl(cp, [
      "patch",
      "node",
      name!,
      "--subresource=status",
      "--type=merge",
      "-p",
      JSON.stringify({
        status: {
          nodeInfo: {
            kubeletVersion: version,
            containerRuntimeVersion: "containerd://2.1.4",
            osImage: "Test OS",
            kernelVersion: "6.8.0",
          },
        },
      }),
    ]);
}, 3_600_000);

afterAll(async () => {
  await cp?.stop();
});

describe("cluster posture on a live API server", () => {
  it("the stand-in pod carries the real process's flags", () => {
    expect(argv[0]).toMatch(/kube-apiserver$/);
    expect(argv).toContain("--anonymous-auth=true");
    expect(argv.filter((a) => a.startsWith("--profiling="))).toEqual(["--profiling=false", "--profiling=true"]);
  });

  it("reports the weak flags of the running API server with their CIS ids, and only those", () => {
    const { findings } = scan();
    const cp1 = findings.filter(
      (f) => f.resource.kind === "Pod" && f.resource.name === "kube-apiserver-cp-1" && cis(f),
    );
    const got = Object.fromEntries(cp1.map((f) => [cis(f), f.check]));
    expect(got).toEqual({
      "1.2.1": "cluster.apiserver-anonymous-auth", // --anonymous-auth=true (WEAK)
      "1.2.15": "cluster.profiling", // --profiling=true after --profiling=false (WEAK)
      "1.2.7": "cluster.apiserver-authorization", // the tier runs --authorization-mode=RBAC, without Node
      "1.2.14": "cluster.apiserver-admission", // no NodeRestriction
      "1.2.5": "cluster.apiserver-kubelet-ca",
      "1.2.27": "cluster.apiserver-encryption-at-rest",
      "1.2.17": "cluster.apiserver-audit-log", // an audit log, but maxage/maxbackup unset and maxsize=0
      "1.2.18": "cluster.apiserver-audit-log",
      "1.2.19": "cluster.apiserver-audit-log",
    });
    const anon = cp1.find((f) => cis(f) === "1.2.1")!;
    expect(anon.path).toBe(`spec.containers[0].command[${argv.indexOf("--anonymous-auth=true")}]`);
    expect(findings.some((f) => f.check === "cluster.control-plane-not-observable")).toBe(false);
  });

  it("the probe reports what the server really does with anonymous requests", async () => {
    // The truth, asked without kubeward: an unauthenticated GET with the same CA.
    const ca = readFileSync(`${cp.dir}/pki/ca.crt`);
    const { request } = await import("node:https");
    const status = (path: string) =>
      new Promise<number>((resolve, reject) =>
        request(new URL(path, cp.server), { ca, agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on("error", reject)
          .end(),
      );
    const truth = { version: await status("/version"), api: await status("/api") };
    expect(truth.version).toBe(200); // --anonymous-auth=true: system:public-info-viewer lets anyone read /version
    const { findings } = scan();
    const probe = findings.filter((f) => f.check === "cluster.anonymous-access");
    expect(probe).toHaveLength(1);
    expect(probe[0]!.message).toContain(`/version: ${truth.version}`);
    expect(probe[0]!.message).toContain(`/api: ${truth.api}`);
    expect(probe[0]!.severity).toBe(truth.api === 200 ? "high" : "medium");
    expect(scan(["--no-probe"]).findings.some((f) => f.check === "cluster.anonymous-access")).toBe(false);
  });

  it("Nodes created through the API give the version findings", () => {
    const { findings } = scan();
    const about = (check: string) =>
      findings.filter((f) => f.check === check).map((f) => `${f.resource.kind}/${f.resource.name}`);
    expect(about("cluster.version-eol")).toEqual(["Node/worker-old"]); // 1.32 ended 2026-02-28; the server is v1.36.3
    expect(about("cluster.kubelet-skew")).toEqual(["Node/worker-old"]); // 4 minors behind, 3 allowed
    expect(about("cluster.node-version-drift")).toEqual(["Node/worker-old"]);
  });

  it("lists the alpha group versions the server really serves, from discovery, as one finding", async () => {
    const truth = (await kubectl(cp, ["api-versions"])).split("\n").filter((l) => /\/v\d+alpha\d*$/.test(l));
    expect(truth.length).toBeGreaterThan(0);
    const alpha = scan().findings.filter((f) => f.check === "cluster.alpha-apis");
    expect(alpha).toHaveLength(1);
    expect(alpha[0]!.message).toContain(`${truth.length} alpha API version(s): ${[...truth].sort().join(", ")}`);
  });

  it("Nodes forbidden: only the version part degrades, the rest of the report stands", async () => {
    await kubectl(cp, ["create", "namespace", "team-a"]).catch(() => "exists");
    await applyObjects(cp, [
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "lowpriv-visible", namespace: "team-a" },
        spec: { containers: [{ name: "c", image: "busybox:1.36", securityContext: { privileged: true } }] },
      },
    ]);
    // A report missing forbidden kinds is partial: exit 2, unless --allow-partial (issue 14).
    expect(kubeward(["scan", "-o", "json", "-n", "team-a"], cp.lowprivKubeconfig).code).toBe(2);
    const r = kubeward(["scan", "-o", "json", "-n", "team-a", "--allow-partial"], cp.lowprivKubeconfig);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Node: forbidden/);
    const { findings } = JSON.parse(r.stdout) as { findings: JsonFinding[] };
    expect(findings.some((f) => f.check === "pod.privileged" && f.resource.name === "lowpriv-visible")).toBe(true);
    expect(findings.some((f) => f.resource.kind === "Node")).toBe(false);
  });

  it("stays read-only: kubeward's user and the anonymous probe only get, list and watch", async () => {
    const events = await cp.auditEvents();
    const ours = events.filter((e) => e.user?.username === "kubeward" || e.user?.username === "system:anonymous");
    expect(ours.some((e) => e.user?.username === "system:anonymous")).toBe(true);
    expect(
      ours.filter((e) => !READ_VERBS.has(e.verb)).map((e) => `${e.user?.username} ${e.verb} ${e.requestURI}`),
    ).toEqual([]);
  });
});

// Projection shares equal subtrees between objects (cluster/intern.ts). Nothing
// downstream may tell: the analysis, the planned patches and the YAML views of a
// cluster projected with sharing must equal those of the same cluster without it.
import { describe, expect, it } from "vitest";
import { Analyzer } from "../../src/analysis/analyzer.js";
import { checkCatalog, createEngines } from "../../src/analysis/registry.js";
import { objectYaml } from "../../src/app/yaml.js";
import { demoObjects } from "../../src/cluster/demo/cluster.js";
import { KINDS } from "../../src/cluster/objects.js";
import { project } from "../../src/cluster/project.js";
import type { SourceEvent } from "../../src/cluster/source.js";
import { planFixes } from "../../src/patch/plan.js";
import { renderPatch } from "../../src/patch/render.js";
import { Store } from "../../src/store/store.js";
import { syntheticCluster } from "../bench/generate.js";

type Json = Record<string, unknown>;

/** Pods of one owner with every field a check reads, differing only where pods differ (name, token volume, node). */
function hostilePods(): Json[] {
  const owner = { apiVersion: "apps/v1", kind: "ReplicaSet", name: "rs", uid: "uid-rs", controller: true };
  const template = (): Json => ({
    hostPID: true,
    hostIPC: false,
    hostNetwork: true,
    hostUsers: false,
    os: { name: "linux" },
    automountServiceAccountToken: true,
    serviceAccountName: "app",
    securityContext: {
      runAsUser: 0,
      sysctls: [{ name: "kernel.msgmax", value: "1" }],
      seccompProfile: { type: "Unconfined" },
      seLinuxOptions: { type: "spc_t" },
      windowsOptions: { hostProcess: true },
    },
    volumes: [
      { name: "h", hostPath: { path: "/", type: "Directory" } },
      { name: "s", secret: { secretName: "creds" } },
    ],
    initContainers: [{ name: "init", image: "busybox", securityContext: { privileged: true } }],
    ephemeralContainers: [{ name: "dbg", image: "busybox:latest", securityContext: { procMount: "Unmasked" } }],
    containers: [
      {
        name: "app",
        image: "nginx",
        imagePullPolicy: "Never",
        ports: [{ containerPort: 80, hostPort: 80 }],
        env: [
          { name: "PASSWORD", value: "hunter2hunter2hunter2" },
          { name: "TOKEN", valueFrom: { secretKeyRef: { name: "creds", key: "token" } } },
        ],
        envFrom: [{ secretRef: { name: "creds" } }],
        livenessProbe: { httpGet: { host: "10.0.0.1", port: 80 } },
        securityContext: {
          allowPrivilegeEscalation: true,
          capabilities: { add: ["SYS_ADMIN", "NET_RAW"] },
          appArmorProfile: { type: "Unconfined" },
        },
        resources: {},
      },
    ],
  });
  const pods: Json[] = [];
  for (let i = 0; i < 6; i++) {
    const spec = template();
    spec.nodeName = `node-${i % 2}`;
    (spec.volumes as Json[]).push({ name: `kube-api-access-${i}`, projected: { sources: [] } });
    // An own "__proto__" key, as JSON.parse makes one: it must stay data.
    if (i === 5) spec.containers = JSON.parse('[{"name":"app","image":"x","__proto__":{"privileged":true}}]');
    pods.push({
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: `web-${i}`,
        namespace: "t",
        uid: `uid-web-${i}`,
        labels: { app: "web" },
        ownerReferences: i < 4 ? [owner] : [],
      },
      spec,
    });
  }
  return [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "t", uid: "uid-ns-t" } },
    {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name: "rs", namespace: "t", uid: "uid-rs" },
      spec: { template: { metadata: { labels: { app: "web" } }, spec: template() } },
    },
    ...pods,
  ];
}

function load(raws: readonly unknown[], share: boolean): Store {
  const store = new Store();
  const events: SourceEvent[] = [];
  for (const raw of raws) {
    // A fresh copy each time, as each object arrives parsed from its own page.
    const object = project(JSON.parse(JSON.stringify(raw)), undefined, { share });
    if (object) events.push({ type: "added", object });
  }
  store.apply(events);
  return store;
}

/** Everything a user or a report sees: findings, summaries, patches, YAML of every object. */
function observable(store: Store): string {
  const result = new Analyzer(store, createEngines()).run();
  const patches = planFixes(result.findings, store, checkCatalog(), result.models).map((p) => renderPatch(p));
  const yaml = KINDS.flatMap((k) => store.list(k.kind)).map((o) => objectYaml(o).lines.join("\n"));
  return JSON.stringify({
    findings: result.findings,
    workloads: result.workloads,
    namespaces: result.namespaces,
    subjects: result.subjects,
    patches,
    yaml,
  });
}

const clusters: [string, () => unknown[]][] = [
  ["demo cluster", () => demoObjects()],
  ["synthetic cluster (600 pods)", () => [...syntheticCluster({ pods: 600, seed: 3 })]],
  ["pods with every field a check reads", hostilePods],
];

describe("projection with shared subtrees", () => {
  for (const [name, raws] of clusters) {
    it(`${name}: same objects, findings, summaries, patches and YAML as without sharing`, () => {
      const objects = raws(); // once: the demo stamps objects with the clock
      const shared = load(objects, true);
      const alone = load(objects, false);
      for (const k of KINDS) expect(shared.list(k.kind)).toEqual(alone.list(k.kind));
      const seen = observable(shared);
      expect(seen).toBe(observable(alone));
      expect(JSON.parse(seen).findings.length).toBeGreaterThan(0);
    });
  }

  it("shares equal subtrees between pods and keeps them read-only", () => {
    const store = load(hostilePods(), true);
    const [a, b] = store.list("Pod");
    expect(a!.spec!.containers).toBe(b!.spec!.containers);
    expect(a!.metadata.labels).toBe(b!.metadata.labels);
    expect(a!.spec!.volumes).not.toBe(b!.spec!.volumes); // each pod's token volume differs
    expect(() => {
      (a!.spec!.containers as Json[]).push({});
    }).toThrow(TypeError);
  });

  it("keeps an own __proto__ key as data", () => {
    const pod = load(hostilePods(), true).getByName("Pod", "t", "web-5")!;
    const c = (pod.spec!.containers as Json[])[0]!;
    expect(Object.hasOwn(c, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(c)).toBe(Object.prototype);
    expect((c as { privileged?: unknown }).privileged).toBeUndefined();
  });
});

// Helpers for the Pod Security Standards check tests: findings of one check,
// a workload's level, and the owner chains fixes are relocated along.
import { expect } from "vitest";
import type { Finding } from "../../src/analysis/finding.js";
import { roundTrip } from "./roundtrip.js";
import { analyze, podWith } from "./store.js";

type Json = Record<string, unknown>;

export { podWith };

export function findingsOf(check: string, raws: readonly unknown[]): Finding[] {
  return analyze(raws).result.findings.filter((f) => f.check === check);
}

/** The PSS level the engine gives the first workload of `raws`. */
export function levelOf(raws: readonly unknown[]): string | undefined {
  return analyze(raws).result.workloads[0]?.podSecurity;
}

/** A pod with one container whose securityContext is `sc` (and pod-level fields from `spec`). */
export function podWithContainer(sc: Json | undefined, spec: Json = {}, container: Json = {}): Json {
  return podWith({
    containers: [{ name: "app", image: "busybox:1.36", ...(sc ? { securityContext: sc } : {}), ...container }],
    ...spec,
  });
}

/** A pod that meets the restricted profile; tests break one control at a time from here. */
export function restrictedSpec(extra: Json = {}, containerExtra: Json = {}): Json {
  return {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
    containers: [
      {
        name: "app",
        image: "busybox:1.36",
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
        resources: { limits: { cpu: "1", memory: "1Gi" } },
        ...containerExtra,
      },
    ],
    ...extra,
  };
}

/** Deployment → ReplicaSet → Pod, all carrying `spec` (and template metadata `meta`). */
export function deploymentChain(spec: Json, meta: Json = {}): Json[] {
  const template = { metadata: { labels: { app: "web" }, ...meta }, spec };
  return [
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "shop", uid: "d1" },
      spec: { replicas: 1, template },
    },
    {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: "web-1",
        namespace: "shop",
        uid: "rs1",
        ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "d1", controller: true }],
      },
      spec: { template },
    },
    {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "web-1-a",
        namespace: "shop",
        uid: "p1",
        labels: { app: "web" },
        ...meta,
        ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-1", uid: "rs1", controller: true }],
      },
      spec,
    },
  ];
}

/** CronJob → Job → Pod, all carrying `spec`. */
export function cronJobChain(spec: Json): Json[] {
  const template = { spec: { restartPolicy: "OnFailure", ...spec } };
  return [
    {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "cj", namespace: "n", uid: "c1" },
      spec: { schedule: "0 * * * *", jobTemplate: { spec: { template } } },
    },
    {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: {
        name: "cj-1",
        namespace: "n",
        uid: "j1",
        ownerReferences: [{ apiVersion: "batch/v1", kind: "CronJob", name: "cj", uid: "c1", controller: true }],
      },
      spec: { template },
    },
    {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "cj-1-x",
        namespace: "n",
        uid: "p1",
        ownerReferences: [{ apiVersion: "batch/v1", kind: "Job", name: "cj-1", uid: "j1", controller: true }],
      },
      spec: template.spec,
    },
  ];
}

/** Plans the fixes for `check`, applies them, re-analyses: the finding is gone and nothing new appears. */
export function expectFixed(raws: readonly Json[], check: string): ReturnType<typeof roundTrip> {
  const rt = roundTrip(raws, [check]);
  expect(rt.before.findings.some((f) => f.check === check)).toBe(true);
  expect(rt.plans.length).toBeGreaterThan(0);
  expect(rt.remaining).toEqual([]);
  expect(rt.introduced).toEqual([]);
  return rt;
}

import { describe, expect, it } from "vitest";
import { roundTrip } from "../../test/support/roundtrip.js";
import { analyze } from "../../test/support/store.js";
import type { CheckDef } from "../analysis/engine.js";
import { makeFinding } from "../analysis/finding.js";
import { checkCatalog } from "../analysis/registry.js";
import { demoObjects } from "../cluster/demo/cluster.js";
import { planFixes } from "./plan.js";
import { renderPatch } from "./render.js";

const privTemplate = {
  containers: [
    { name: "app", image: "a:1", securityContext: { privileged: true } },
    { name: "side", image: "b:1", securityContext: { privileged: true } },
  ],
};

const deployChain = [
  {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "shop", uid: "d1" },
    spec: { template: { spec: privTemplate } },
  },
  {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name: "web-1",
      namespace: "shop",
      uid: "rs1",
      ownerReferences: [{ kind: "Deployment", name: "web", uid: "d1", controller: true }],
    },
    spec: { template: { spec: privTemplate } },
  },
  {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: "web-1-a",
      namespace: "shop",
      uid: "p1",
      ownerReferences: [{ kind: "ReplicaSet", name: "web-1", uid: "rs1", controller: true }],
    },
    spec: privTemplate,
  },
];

describe("fix planner", () => {
  it("fixes a Deployment's pods on the Deployment template, one merged patch for both findings", () => {
    const { store, result } = analyze(deployChain);
    const privileged = result.findings.filter((f) => f.check === "pod.privileged");
    expect(privileged.map((f) => `${f.resource.kind}/${f.container}`).sort()).toEqual([
      "Deployment/app",
      "Deployment/side",
    ]);
    const plans = planFixes(privileged, store, checkCatalog());
    expect(plans).toHaveLength(1);
    expect(plans[0]!.target).toMatchObject({ kind: "Deployment", name: "web", namespace: "shop" });
    expect(plans[0]!.body).toEqual({
      spec: {
        template: {
          spec: {
            containers: [
              { name: "app", securityContext: { privileged: false } },
              { name: "side", securityContext: { privileged: false } },
            ],
          },
        },
      },
    });
    const rendered = renderPatch(plans[0]!, "out");
    expect(rendered.commands[0]).toBe(
      "kubectl patch deployment/web -n shop --type strategic --patch-file out/deployment_shop_web.patch.yaml",
    );
    expect(rendered.yaml).toMatch(/# Fixes:\n# {3}- pod\.privileged \(app\)/);
    expect(rendered.yaml).toMatch(/May break:/);
  });

  it("targets a pod whose ReplicaSet is not loaded at that ReplicaSet, with a warning", () => {
    const { store, result } = analyze([deployChain[2]!]);
    const plans = planFixes(
      result.findings.filter((f) => f.panel === "pods"),
      store,
      checkCatalog(),
    );
    expect(plans[0]!.target).toMatchObject({ kind: "ReplicaSet", name: "web-1" });
    expect(plans[0]!.warnings.join()).toMatch(/ReplicaSet web-1 owns this workload but was not loaded/);
  });

  it("fixes a CronJob's job pods on the CronJob", () => {
    const spec = { containers: [{ name: "r", securityContext: { privileged: true } }] };
    const chain = [
      {
        apiVersion: "batch/v1",
        kind: "CronJob",
        metadata: { name: "cj", namespace: "n", uid: "c1" },
        spec: { jobTemplate: { spec: { template: { spec } } } },
      },
      {
        apiVersion: "batch/v1",
        kind: "Job",
        metadata: {
          name: "cj-1",
          namespace: "n",
          uid: "j1",
          ownerReferences: [{ kind: "CronJob", name: "cj", uid: "c1", controller: true }],
        },
        spec: { template: { spec } },
      },
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: {
          name: "cj-1-x",
          namespace: "n",
          uid: "p1",
          ownerReferences: [{ kind: "Job", name: "cj-1", uid: "j1", controller: true }],
        },
        spec,
      },
    ];
    const rt = roundTrip(chain, ["pod.privileged"]);
    expect(rt.plans.map((p) => `${p.target.kind}/${p.target.name}`)).toEqual(["CronJob/cj"]);
    expect(rt.plans[0]!.body).toEqual({
      spec: {
        jobTemplate: {
          spec: {
            template: {
              spec: { containers: [{ name: "r", securityContext: { privileged: false } }] },
            },
          },
        },
      },
    });
    expect(rt.remaining).toEqual([]);
    expect(rt.introduced).toEqual([]);
  });

  it("recreates a standalone Job (its template is immutable) without the server-generated selector and labels", () => {
    const gen = { "controller-uid": "u", "batch.kubernetes.io/controller-uid": "u", "job-name": "once" };
    const job = {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "once", namespace: "n", uid: "j1", labels: { ...gen, team: "a" } },
      spec: {
        selector: { matchLabels: { "batch.kubernetes.io/controller-uid": "u" } },
        template: {
          metadata: { labels: { ...gen, app: "x" } },
          spec: { restartPolicy: "Never", containers: [{ name: "r", securityContext: { privileged: true } }] },
        },
      },
    };
    const { result, store } = analyze([job]);
    // Only the pod findings: the namespace's segmentation fix is a NetworkPolicy manifest of its own.
    const plans = planFixes(
      result.findings.filter((f) => f.panel === "pods"),
      store,
      checkCatalog(),
      result.models,
    );
    expect(plans.map((p) => [p.target.kind, p.type])).toEqual([["Job", "manifest"]]);
    // biome-ignore lint/suspicious/noExplicitAny: reading a nested manifest in a test
    const body = plans[0]!.body as Record<string, any>;
    expect(body.metadata.labels).toEqual({ team: "a" });
    expect(body.spec.selector).toBeUndefined();
    expect(body.spec.template.metadata.labels).toEqual({ app: "x" });
    expect(body.spec.template.spec.containers[0].securityContext.privileged).toBe(false);
    expect(renderPatch(plans[0]!, "out").commands[0]).toBe("kubectl replace --force -f out/job_n_once.manifest.yaml");
  });

  it("fixes every privileged finding of the demo cluster", () => {
    const rt = roundTrip(demoObjects() as Record<string, unknown>[], ["pod.privileged"]);
    expect(rt.before.findings.some((f) => f.check === "pod.privileged")).toBe(true);
    expect(rt.remaining).toEqual([]);
    expect(rt.introduced).toEqual([]);
  });

  it("keeps cluster text inert in patch comments", () => {
    const hostile = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", namespace: "x" },
      spec: { containers: [{ name: "a\u001b[2Jb", securityContext: { privileged: true } }] },
    };
    const { store, result } = analyze([hostile]);
    const yaml = renderPatch(
      planFixes(
        result.findings.filter((f) => f.panel === "pods"),
        store,
        checkCatalog(),
      )[0]!,
    ).yaml;
    expect(yaml).not.toContain("\u001b");
  });

  it("puts a manifest fragment's extra manifests in the same plan, once", () => {
    const np = (name: string) => ({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name } });
    const check: CheckDef = {
      meta: {
        id: "x.m",
        title: "t",
        severity: "low",
        panel: "network",
        description: "",
        remediation: "",
        references: [],
      },
      fix: () => ({ kind: "manifest", manifest: np("main"), extra: [np("extra")], explain: "adds two" }),
    };
    const target = { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", namespace: "n", name: "main" };
    const findings = ["a", "b"].map((name) =>
      makeFinding({
        meta: check.meta,
        resource: { apiVersion: "v1", kind: "Namespace", name },
        message: "m",
        fix: { target, type: "manifest" },
      }),
    );
    const plans = planFixes(findings, analyze([]).store, new Map([["x.m", check]]));
    expect(plans).toHaveLength(1);
    expect(plans[0]!.body).toEqual(np("main"));
    expect(plans[0]!.extraManifests).toEqual([np("extra")]);
  });
});

describe("recreate manifests of bare pods", () => {
  it("never copies a plaintext credential out of the cluster", () => {
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", namespace: "x" },
      spec: {
        containers: [
          {
            name: "app",
            securityContext: { privileged: true },
            env: [
              { name: "DB_PASSWORD", value: "hunter2-very-secret" },
              { name: "LOG_LEVEL", value: "debug" },
            ],
          },
        ],
      },
    };
    const { store, result } = analyze([pod]);
    const plan = planFixes(
      result.findings.filter((f) => f.check === "pod.privileged"),
      store,
      checkCatalog(),
    )[0]!;
    const yaml = renderPatch(plan).yaml;
    expect(yaml).not.toContain("hunter2-very-secret");
    expect(yaml).toContain("debug");
    expect(yaml).toMatch(/app\/DB_PASSWORD were replaced by a placeholder/);
  });
});

// The analyzer and engines cache by object identity and merge sorted results;
// after any sequence of changes the result must equal a fresh analysis.
import { describe, expect, it } from "vitest";
import { Analyzer } from "../../src/analysis/analyzer.js";
import { createEngines } from "../../src/analysis/registry.js";
import type { KObject } from "../../src/cluster/objects.js";
import { project } from "../../src/cluster/project.js";
import type { SourceEvent } from "../../src/cluster/source.js";
import { Store } from "../../src/store/store.js";
import { rng, syntheticCluster } from "../bench/generate.js";

function plain(r: ReturnType<Analyzer["run"]>) {
  return JSON.stringify({ f: r.findings, w: r.workloads, n: r.namespaces, s: r.subjects });
}

function privileged(pod: KObject): KObject {
  const containers = (pod.spec?.containers ?? []) as Record<string, unknown>[];
  return {
    ...pod,
    spec: { ...pod.spec, containers: containers.map((c) => ({ ...c, securityContext: { privileged: true } })) },
  };
}

function restricted(pod: KObject): KObject {
  return {
    ...pod,
    spec: {
      ...pod.spec,
      securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
      containers: [
        {
          name: "app",
          image: "registry.example.com/a@sha256:0",
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
        },
      ],
    },
  };
}

describe("incremental analysis", () => {
  it("equals a fresh analysis after pod, template, policy and RBAC changes", () => {
    const store = new Store();
    store.apply(
      [...syntheticCluster({ pods: 300, seed: 3 })].map((raw) => ({ type: "added" as const, object: project(raw)! })),
    );
    const live = new Analyzer(store, createEngines());
    live.run();
    const r = rng(9);
    const pickOf = (kind: string) => {
      const all = store.list(kind);
      return all[Math.floor(r() * all.length)]!;
    };
    for (let round = 0; round < 7; round++) {
      const pod = pickOf("Pod");
      const deployment = pickOf("Deployment");
      const events: SourceEvent[] = [
        { type: "modified" as const, object: round % 2 ? restricted(pod) : privileged(pod) },
        {
          type: "modified" as const,
          object: {
            ...deployment,
            spec: {
              ...deployment.spec,
              template: {
                ...deployment.spec.template,
                spec: privileged({ ...deployment, spec: deployment.spec.template.spec }).spec,
              },
            },
          },
        },
        { type: "deleted" as const, object: pickOf("Pod") },
      ];
      if (round === 2) events.push({ type: "deleted" as const, object: pickOf("NetworkPolicy") });
      if (round === 3) events.push({ type: "deleted" as const, object: pickOf("RoleBinding") });
      if (round === 4) {
        const sa = store.list("ServiceAccount").find((s) => s.metadata.name === "app")!;
        events.push({ type: "modified" as const, object: { ...sa, automountServiceAccountToken: false } });
      }
      if (round === 5) {
        const ns = pod.metadata.namespace!;
        const grant = project({
          apiVersion: "rbac.authorization.k8s.io/v1",
          kind: "RoleBinding",
          metadata: { name: "read-secrets", namespace: ns, uid: "rb-read-secrets" },
          roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "secret-reader" },
          subjects: [{ kind: "ServiceAccount", name: "default", namespace: ns }],
        })!;
        events.push({ type: "added" as const, object: grant });
      }
      store.apply(events);
      const incremental = live.run();
      const fresh = new Analyzer(store, createEngines()).run();
      expect(incremental.findings.length).toBe(fresh.findings.length);
      expect(plain(incremental)).toBe(plain(fresh));
    }
  });
});

// The proof that incremental analysis is exact: after any sequence of added,
// modified and deleted objects of every kind the engines read, the long-lived
// Analyzer (which recomputes only changed namespaces and merges changed parts)
// returns what a fresh Analyzer on the same store returns.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AnalysisResult, Analyzer } from "../../src/analysis/analyzer.js";
import type { Finding } from "../../src/analysis/finding.js";
import type { NetworkModel, PodsModel, SecretsModel } from "../../src/analysis/models.js";
import { createEngines } from "../../src/analysis/registry.js";
import { refKey } from "../../src/cluster/objects.js";
import { project } from "../../src/cluster/project.js";
import type { SourceEvent } from "../../src/cluster/source.js";
import { Store } from "../../src/store/store.js";

type Json = Record<string, unknown>;

/** "" = objects without a namespace (from files), analysed as "default". */
const NAMESPACES = ["a", "b", "default", ""] as const;
const RBAC = "rbac.authorization.k8s.io/v1";

/** A pod spec per variant: restricted, host access, secret refs, no token, risky SA, projected token. */
function podSpec(variant: number): Json {
  const restricted = { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, runAsNonRoot: true };
  switch (variant % 6) {
    case 0:
      return {
        securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
        containers: [{ name: "app", image: "registry.example.com/app@sha256:0", securityContext: restricted }],
      };
    case 1:
      return {
        hostPID: true,
        containers: [{ name: "app", image: "nginx:1.25", securityContext: { privileged: true } }],
      };
    case 2:
      return {
        volumes: [
          { name: "host", hostPath: { path: "/var/run" } },
          { name: "creds", secret: { secretName: "db" } },
        ],
        containers: [
          {
            name: "app",
            image: "nginx",
            env: [{ name: "PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } }],
          },
        ],
      };
    case 3:
      return { automountServiceAccountToken: false, containers: [{ name: "app", image: "nginx:latest" }] };
    case 4:
      return {
        serviceAccountName: "app",
        containers: [{ name: "app", image: "nginx:latest", securityContext: { privileged: true } }],
      };
    default:
      return {
        serviceAccountName: "app",
        volumes: [{ name: "tok", projected: { sources: [{ serviceAccountToken: { path: "token" } }] } }],
        containers: [{ name: "app", image: "nginx:1.25", envFrom: [{ secretRef: { name: "db" } }] }],
      };
  }
}

function meta(ns: string, name: string, uid: string, extra: Json = {}): Json {
  return { name, uid, ...(ns ? { namespace: ns } : {}), ...extra };
}

function owner(kind: string, apiVersion: string, name: string, uid: string): Json {
  return { ownerReferences: [{ apiVersion, kind, name, uid, controller: true }] };
}

/** One object identity (kind, namespace, name, uid) and its content per variant. */
interface Slot {
  id: string;
  raw(variant: number): Json;
}

function namespacedSlots(ns: string): Slot[] {
  const u = (s: string) => `${s}-${ns || "none"}`;
  const template = (variant: number) => ({ metadata: { labels: { app: "web" } }, spec: podSpec(variant) });
  return [
    {
      id: u("sa-app"),
      raw: (v) => ({
        apiVersion: "v1",
        kind: "ServiceAccount",
        metadata: meta(ns, "app", u("sa-app")),
        ...(v % 2 ? { automountServiceAccountToken: false } : {}),
      }),
    },
    {
      id: u("sa-default"),
      raw: (v) => ({
        apiVersion: "v1",
        kind: "ServiceAccount",
        metadata: meta(ns, "default", u("sa-default")),
        ...(v % 3 === 0 ? { automountServiceAccountToken: false } : {}),
      }),
    },
    {
      id: u("deploy"),
      raw: (v) => ({
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: meta(ns, "web", u("deploy")),
        spec: { replicas: v % 4 === 3 ? 0 : 2, selector: { matchLabels: { app: "web" } }, template: template(v) },
      }),
    },
    {
      id: u("rs"),
      raw: (v) => ({
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: meta(ns, "web-1", u("rs"), owner("Deployment", "apps/v1", "web", u("deploy"))),
        spec: { replicas: 2, selector: { matchLabels: { app: "web" } }, template: template(v) },
      }),
    },
    ...["x", "y"].map(
      (p): Slot => ({
        id: u(`pod-${p}`),
        raw: (v) => ({
          apiVersion: "v1",
          kind: "Pod",
          metadata: meta(ns, `web-1-${p}`, u(`pod-${p}`), {
            labels: { app: "web" },
            ...owner("ReplicaSet", "apps/v1", "web-1", u("rs")),
          }),
          spec: podSpec(v),
          status: { phase: v % 5 === 4 ? "Succeeded" : "Running" },
        }),
      }),
    ),
    {
      id: u("bare"),
      raw: (v) => ({
        apiVersion: "v1",
        kind: "Pod",
        metadata: meta(ns, "bare", u("bare"), { labels: { app: v % 2 ? "db" : "web" } }),
        spec: podSpec(v + 1),
      }),
    },
    {
      id: u("cron"),
      raw: (v) => ({
        apiVersion: "batch/v1",
        kind: "CronJob",
        metadata: meta(ns, "nightly", u("cron")),
        spec: { schedule: "@daily", jobTemplate: { spec: { template: template(v) } } },
      }),
    },
    {
      id: u("job"),
      raw: (v) => ({
        apiVersion: "batch/v1",
        kind: "Job",
        metadata: meta(ns, "nightly-1", u("job"), owner("CronJob", "batch/v1", "nightly", u("cron"))),
        spec: { template: template(v) },
      }),
    },
    {
      id: u("job-pod"),
      raw: (v) => ({
        apiVersion: "v1",
        kind: "Pod",
        metadata: meta(ns, "nightly-1-z", u("job-pod"), owner("Job", "batch/v1", "nightly-1", u("job"))),
        spec: podSpec(v),
      }),
    },
    {
      id: u("secret"),
      raw: (v) => ({
        apiVersion: "v1",
        kind: "Secret",
        metadata: meta(
          ns,
          "db",
          u("secret"),
          v % 2 ? { annotations: { "kubernetes.io/service-account.name": "app" } } : {},
        ),
        type: v % 2 ? "kubernetes.io/service-account-token" : "Opaque",
        data: { password: "" },
      }),
    },
    {
      id: u("cm"),
      raw: (v) => ({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: meta(ns, "cfg", u("cm")),
        data: v % 2 ? { DB_PASSWORD: "hunter2hunter2" } : { mode: "prod" },
      }),
    },
    {
      id: u("netpol"),
      raw: (v) => ({
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: meta(ns, "deny", u("netpol")),
        spec:
          v % 3 === 0
            ? { podSelector: {}, policyTypes: ["Ingress", "Egress"] }
            : v % 3 === 1
              ? { podSelector: { matchLabels: { app: "web" } }, ingress: [{}], policyTypes: ["Ingress"] }
              : { podSelector: { matchLabels: { app: "none" } }, policyTypes: ["Ingress"] },
      }),
    },
    {
      id: u("role"),
      raw: (v) => ({
        apiVersion: RBAC,
        kind: "Role",
        metadata: meta(ns, "reader", u("role")),
        rules: [{ apiGroups: [""], resources: [v % 2 ? "secrets" : "pods"], verbs: v % 3 ? ["get", "list"] : ["*"] }],
      }),
    },
    {
      id: u("rb"),
      raw: (v) => ({
        apiVersion: RBAC,
        kind: "RoleBinding",
        metadata: meta(ns, "rb", u("rb")),
        roleRef: {
          apiGroup: "rbac.authorization.k8s.io",
          kind: v % 2 ? "ClusterRole" : "Role",
          name: v % 2 ? "power" : "reader",
        },
        subjects: [{ kind: "ServiceAccount", name: v % 3 ? "app" : "default", ...(ns ? { namespace: ns } : {}) }],
      }),
    },
  ];
}

const SLOTS: Slot[] = [
  ...NAMESPACES.flatMap(namespacedSlots),
  ...NAMESPACES.filter((ns) => ns).map(
    (ns): Slot => ({
      id: `ns-${ns}`,
      raw: (v) => ({
        apiVersion: "v1",
        kind: "Namespace",
        metadata: meta("", ns, `ns-${ns}`, {
          labels: v % 3 === 0 ? {} : { [`pod-security.kubernetes.io/${v % 3 === 1 ? "enforce" : "warn"}`]: "baseline" },
        }),
      }),
    }),
  ),
  {
    id: "cr-power",
    raw: (v) => ({
      apiVersion: RBAC,
      kind: "ClusterRole",
      metadata: meta("", "power", "cr-power"),
      rules: [
        v % 3 === 0
          ? { apiGroups: ["*"], resources: ["*"], verbs: ["*"] }
          : v % 3 === 1
            ? { apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] }
            : { apiGroups: [""], resources: ["pods"], verbs: ["create"] },
      ],
    }),
  },
  {
    id: "crb",
    raw: (v) => ({
      apiVersion: RBAC,
      kind: "ClusterRoleBinding",
      metadata: meta("", "everyone", "crb"),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: v % 4 === 3 ? "missing" : "power" },
      subjects: [
        v % 2
          ? { kind: "Group", name: "system:authenticated", apiGroup: "rbac.authorization.k8s.io" }
          : { kind: "ServiceAccount", name: "app", namespace: v % 3 ? "a" : "b" },
      ],
    }),
  },
];

/**
 * Namespaces filled once and left alone: they make the findings list long enough that
 * a batch changes a small share of it, so the analyzer patches its sorted list instead
 * of re-sorting (both paths must be exact).
 */
const STILL: Slot[] = ["s0", "s1", "s2", "s3", "s4", "s5"].flatMap(namespacedSlots);

type Command = { slot: number; del: boolean; variant: number };

const command: fc.Arbitrary<Command> = fc.record({
  slot: fc.nat({ max: SLOTS.length - 1 }),
  del: fc.boolean(),
  variant: fc.nat({ max: 11 }),
});

/** Batches of events; `run` says whether the live analyzer runs after the batch (else changes pile up). */
const scenario = fc.array(
  fc.record({ commands: fc.array(command, { minLength: 1, maxLength: 5 }), run: fc.boolean() }),
  {
    minLength: 1,
    maxLength: 12,
  },
);

function eventsOf(store: Store, commands: readonly Command[], slots: readonly Slot[] = SLOTS): SourceEvent[] {
  const events: SourceEvent[] = [];
  for (const c of commands) {
    const object = project(slots[c.slot]!.raw(c.variant))!;
    if (!c.del) events.push({ type: "modified", object });
    else if (store.get(object.kind, object.metadata.uid)) events.push({ type: "deleted", object });
  }
  return events;
}

/** Everything a result says, models included (asked about every workload, namespace and Secret). */
function observe(store: Store, r: AnalysisResult): string {
  const pods = r.models.get("pods") as PodsModel | undefined;
  const network = r.models.get("network") as NetworkModel | undefined;
  const secrets = r.models.get("secrets") as SecretsModel | undefined;
  const namespaces = [...store.namespaces(), "default", ""];
  return JSON.stringify({
    findings: r.findings,
    workloads: r.workloads,
    namespaces: r.namespaces,
    subjects: r.subjects,
    levels: r.workloads.map((w) => pods?.levelOf(refKey(w))),
    isolation: r.workloads.map((w) => network?.isolationOf(refKey(w))?.ingressPolicies),
    enforceable: namespaces.map((ns) => pods?.enforceableLevelOf(ns)),
    segmentation: namespaces.map((ns) => network?.segmentationOf(ns)),
    readers: store
      .list("Secret")
      .map((s) =>
        secrets?.readersOf(s.metadata.namespace ?? "default", s.metadata.name).map((x) => [refKey(x.subject), x.verbs]),
      ),
  });
}

/** Findings as a multiset by identity. */
function counts(findings: readonly Finding[]): Map<Finding, number> {
  const m = new Map<Finding, number>();
  for (const f of findings) m.set(f, (m.get(f) ?? 0) + 1);
  return m;
}

/** The previous findings with `next.changes` applied: must be next's findings. */
function applyChanges(previous: AnalysisResult, next: AnalysisResult): Map<Finding, number> {
  const m = counts(previous.findings);
  for (const f of next.changes!.removed) {
    const n = m.get(f) ?? 0;
    if (n <= 1) m.delete(f);
    else m.set(f, n - 1);
  }
  for (const f of next.changes!.added) m.set(f, (m.get(f) ?? 0) + 1);
  return m;
}

describe("incremental analysis equals a fresh one", () => {
  it("after random sequences of added, modified and deleted objects of every kind", () => {
    let patched = 0;
    fc.assert(
      fc.property(fc.array(command, { maxLength: 40 }), scenario, (initial, batches) => {
        const store = new Store();
        store.apply(
          eventsOf(
            store,
            STILL.map((_, slot) => ({ slot, del: false, variant: slot })),
            STILL,
          ),
        );
        store.apply(eventsOf(store, initial));
        const live = new Analyzer(store, createEngines());
        let previous = live.run();
        for (const batch of batches) {
          store.apply(eventsOf(store, batch.commands));
          if (!batch.run) continue;
          const incremental = live.run();
          const fresh = new Analyzer(store, createEngines()).run();
          expect(observe(store, incremental)).toBe(observe(store, fresh));
          // What the analyzer says changed turns the previous findings into these.
          if (incremental.changes) {
            if (incremental.changes.added.length + incremental.changes.removed.length) patched++;
            expect(incremental.changes.since).toBe(previous.findings);
            expect(applyChanges(previous, incremental)).toEqual(counts(incremental.findings));
          }
          previous = incremental;
        }
        const fresh = new Analyzer(store, createEngines()).run();
        expect(observe(store, live.run())).toBe(observe(store, fresh));
      }),
      { numRuns: Number(process.env.KUBEWARD_PROPERTY_RUNS ?? 100) },
    );
    // The patch path (not only the full re-sort) was exercised.
    expect(patched).toBeGreaterThan(0);
  }, 60_000);

  it("after every object is deleted and added back (a context switch)", () => {
    const store = new Store();
    store.apply(
      eventsOf(
        store,
        SLOTS.map((_, slot) => ({ slot, del: false, variant: slot })),
      ),
    );
    const live = new Analyzer(store, createEngines());
    const before = observe(store, live.run());
    store.clear();
    expect(live.run().findings).toEqual([]);
    store.apply(
      eventsOf(
        store,
        SLOTS.map((_, slot) => ({ slot, del: false, variant: slot })),
      ),
    );
    expect(observe(store, live.run())).toBe(before);
  });
});

// A deterministic synthetic cluster at the Kubernetes scalability envelope:
// namespaces with Deployments→ReplicaSets→Pods, StatefulSets, DaemonSets,
// CronJobs→Jobs→Pods and a few bare pods, with varied pod specs, plus service
// accounts, roles, bindings, network policies, secrets (metadata only, as the
// live source reads them), configmaps and services.
// Objects are raw API shapes (status, defaulted fields) and every object gets
// fresh nested objects, as if parsed from the wire, so projection and memory
// cost what they cost in live mode.
type Json = Record<string, unknown>;

/** mulberry32: small, fast, seedable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenOptions {
  pods: number;
  /** Defaults to pods / 15, at least 10, at most 10,000. */
  namespaces?: number;
  seed?: number;
  /** Omit server-set fields (uid, resourceVersion, status): for creating objects on a real API server. */
  forCreate?: boolean;
}

export function namespaceCount(pods: number): number {
  return Math.max(10, Math.min(10_000, Math.round(pods / 15)));
}

type Profile = "restricted" | "default" | "privileged" | "hostpath" | "netadmin" | "hostnet";
const PROFILES: [Profile, number][] = [
  ["restricted", 0.4],
  ["default", 0.35],
  ["hostpath", 0.1],
  ["privileged", 0.05],
  ["netadmin", 0.05],
  ["hostnet", 0.05],
];

function pick<T>(r: () => number, weighted: [T, number][]): T {
  let x = r();
  for (const [v, w] of weighted) {
    x -= w;
    if (x < 0) return v;
  }
  return weighted[weighted.length - 1]![0];
}

const IMAGES = [
  "registry.example.com/shop/web:1.4.2",
  "nginx:latest",
  "docker.io/library/redis:7",
  "ghcr.io/acme/worker@sha256:3b1c0f4e8a1d2c6b9e7f5a4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b",
  "quay.io/prometheus/node-exporter:v1.8.0",
];

/** A fresh pod spec for a profile (each call returns new objects). */
function podSpec(profile: Profile, image: string, sa: string, secretName: string, withDefaults: boolean): Json {
  const container: Json = {
    name: "app",
    image,
    ports: [{ containerPort: 8080, protocol: "TCP", ...(profile === "hostnet" ? { hostPort: 8080 } : {}) }],
    env: [
      { name: "LOG_LEVEL", value: "info" },
      { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: secretName, key: "password" } } },
    ],
    resources: profile === "default" ? {} : { limits: { cpu: "500m", memory: "256Mi" }, requests: { cpu: "100m" } },
    volumeMounts: [{ name: "data", mountPath: "/data" }],
    ...(withDefaults
      ? {
          imagePullPolicy: "IfNotPresent",
          terminationMessagePath: "/dev/termination-log",
          terminationMessagePolicy: "File",
        }
      : {}),
  };
  const volumes: Json[] = [{ name: "data", emptyDir: {} }];
  const spec: Json = { serviceAccountName: sa, containers: [container], volumes };
  if (withDefaults) {
    Object.assign(spec, {
      restartPolicy: "Always",
      dnsPolicy: "ClusterFirst",
      schedulerName: "default-scheduler",
      terminationGracePeriodSeconds: 30,
      tolerations: [
        { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
        { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      ],
    });
  }
  switch (profile) {
    case "restricted":
      spec.securityContext = { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } };
      container.securityContext = {
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ["ALL"] },
      };
      break;
    case "privileged":
      spec.hostPID = true;
      container.securityContext = { privileged: true };
      break;
    case "hostpath":
      volumes.push({ name: "logs", hostPath: { path: "/var/log", type: "Directory" } });
      (container.volumeMounts as Json[]).push({ name: "logs", mountPath: "/host/log" });
      break;
    case "netadmin":
      container.securityContext = { capabilities: { add: ["NET_ADMIN", "NET_RAW"] } };
      break;
    case "hostnet":
      spec.hostNetwork = true;
      break;
    default:
      break;
  }
  return spec;
}

const EPOCH = Date.parse("2026-10-01T00:00:00Z");
/** Creation-time clock; reset by each syntheticCluster() so a seed gives the same objects. */
let stamp = EPOCH;
function meta(opts: GenOptions, kind: string, ns: string | undefined, name: string, extra: Json = {}): Json {
  const m: Json = { name, ...(ns ? { namespace: ns } : {}), ...extra };
  if (!opts.forCreate) {
    stamp += 1000;
    Object.assign(m, {
      uid: uidOf(kind, ns, name),
      resourceVersion: String(stamp % 1_000_000_007),
      creationTimestamp: new Date(stamp).toISOString(),
    });
  }
  return m;
}

export function uidOf(kind: string, ns: string | undefined, name: string): string {
  return `${kind}.${ns ?? ""}.${name}`;
}

function ownerRef(opts: GenOptions, kind: string, apiVersion: string, ns: string, name: string): Json {
  return {
    apiVersion,
    kind,
    name,
    uid: opts.forCreate ? `00000000-0000-4000-8000-${hash12(name)}` : uidOf(kind, ns, name),
    controller: true,
    blockOwnerDeletion: true,
  };
}

function hash12(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return ((h >>> 0).toString(16) + "000000000000").slice(0, 12);
}

const APPS = ["web", "api", "worker", "cache", "db", "queue", "auth", "search"];

/**
 * Yields raw objects, namespace by namespace, with exactly `opts.pods` pods.
 * A generator so callers can project and drop raws in batches (as a paged list would).
 */
export function* syntheticCluster(opts: GenOptions): Generator<Json> {
  const r = rng(opts.seed ?? 42);
  stamp = EPOCH;
  const nsCount = opts.namespaces ?? namespaceCount(opts.pods);
  const live = !opts.forCreate;
  // Cluster-scoped RBAC: a few roles everyone binds to, some risky.
  const clusterRoles: [string, Json[]][] = [
    ["view-all", [{ apiGroups: ["*"], resources: ["*"], verbs: ["get", "list", "watch"] }]],
    ["secret-reader", [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] }]],
    ["pod-exec", [{ apiGroups: [""], resources: ["pods/exec"], verbs: ["create"] }]],
    [
      "edit-apps",
      [{ apiGroups: ["apps"], resources: ["deployments", "statefulsets"], verbs: ["get", "list", "update", "patch"] }],
    ],
  ];
  for (const [name, rules] of clusterRoles) {
    yield {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: meta(opts, "ClusterRole", undefined, name),
      rules,
    };
  }
  yield {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: meta(opts, "ClusterRoleBinding", undefined, "ops-view"),
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view-all" },
    subjects: [{ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "ops" }],
  };

  let podsLeft = opts.pods;
  for (let n = 0; n < nsCount; n++) {
    const ns = `team-${String(n).padStart(5, "0")}`;
    const nsPods = n === nsCount - 1 ? podsLeft : Math.min(podsLeft, Math.round(podsLeft / (nsCount - n)));
    podsLeft -= nsPods;
    // warn, not enforce: the real API server would reject the privileged pods this cluster must hold.
    const enforce = r() < 0.2 ? { "pod-security.kubernetes.io/warn": "baseline" } : {};
    yield {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: meta(opts, "Namespace", undefined, ns, {
        labels: { "kubernetes.io/metadata.name": ns, team: `t${n % 50}`, ...enforce },
      }),
      ...(live ? { status: { phase: "Active" } } : {}),
    };
    for (const sa of ["default", "app"]) {
      yield { apiVersion: "v1", kind: "ServiceAccount", metadata: meta(opts, "ServiceAccount", ns, sa) };
    }
    for (let s = 0; s < 3; s++) {
      // Metadata only: the live source lists Secrets as PartialObjectMetadata.
      yield {
        apiVersion: "v1",
        kind: "Secret",
        metadata: meta(opts, "Secret", ns, `creds-${s}`, { labels: { app: APPS[s]! } }),
        type: "Opaque",
        ...(opts.forCreate ? { stringData: { password: "not-a-real-secret" } } : {}),
      };
    }
    for (let c = 0; c < 2; c++) {
      yield {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: meta(opts, "ConfigMap", ns, `config-${c}`),
        data: {
          "app.properties": `mode=prod\nreplica=${c}\n`,
          ...(r() < 0.05 ? { DATABASE_PASSWORD: "hunter2hunter2" } : {}),
        },
      };
    }
    yield {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: meta(opts, "Role", ns, "app"),
      rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] }],
    };
    yield {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: meta(opts, "RoleBinding", ns, "app"),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "app" },
      subjects: [{ kind: "ServiceAccount", name: "app", namespace: ns }],
    };
    if (r() < 0.15) {
      const risky = clusterRoles[1 + Math.floor(r() * 3)]![0];
      yield {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: meta(opts, "RoleBinding", ns, `app-${risky}`),
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: risky },
        subjects: [{ kind: "ServiceAccount", name: "app", namespace: ns }],
      };
    }
    const policy = r();
    if (policy < 0.4) {
      yield {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: meta(opts, "NetworkPolicy", ns, "default-deny"),
        spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
      };
    }
    if (policy < 0.7) {
      yield {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: meta(opts, "NetworkPolicy", ns, "allow-web"),
        spec: {
          podSelector: { matchLabels: { app: "web" } },
          policyTypes: ["Ingress"],
          ingress: [
            {
              from: [{ namespaceSelector: { matchLabels: { team: "t0" } } }],
              ports: [{ port: 8080, protocol: "TCP" }],
            },
          ],
        },
      };
    }

    // Controllers until the namespace's pod budget is used.
    let left = nsPods;
    let i = 0;
    while (left > 0) {
      const app = `${APPS[i % APPS.length]}-${i}`;
      const profile = pick(r, PROFILES);
      const image = IMAGES[Math.floor(r() * IMAGES.length)]!;
      const sa = r() < 0.5 ? "app" : "default";
      const spec = () => podSpec(profile, image, sa, `creds-${i % 3}`, live);
      const labels = () => ({ app: APPS[i % APPS.length]!, instance: app });
      const kindRoll = r();
      const replicas = Math.min(left, 1 + Math.floor(r() * 4));
      if (kindRoll < 0.6 || left < 2) {
        const hash = hash12(app).slice(0, 10);
        const rs = `${app}-${hash}`;
        yield {
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: meta(opts, "Deployment", ns, app, { labels: labels() }),
          spec: {
            replicas,
            selector: { matchLabels: labels() },
            template: { metadata: { labels: labels() }, spec: spec() },
          },
          ...(live ? { status: { replicas, readyReplicas: replicas } } : {}),
        };
        const rsLabels = () => ({ ...labels(), "pod-template-hash": hash });
        yield {
          apiVersion: "apps/v1",
          kind: "ReplicaSet",
          metadata: meta(opts, "ReplicaSet", ns, rs, {
            labels: rsLabels(),
            ownerReferences: [ownerRef(opts, "Deployment", "apps/v1", ns, app)],
          }),
          spec: {
            replicas,
            selector: { matchLabels: rsLabels() },
            template: { metadata: { labels: rsLabels() }, spec: spec() },
          },
        };
        for (let p = 0; p < replicas; p++)
          yield pod(opts, ns, `${rs}-${p.toString(36).padStart(5, "x")}`, rsLabels(), spec(), [
            "ReplicaSet",
            "apps/v1",
            rs,
          ]);
        left -= replicas;
        yield {
          apiVersion: "v1",
          kind: "Service",
          metadata: meta(opts, "Service", ns, app),
          // Headless: the test API server's service range is a /24.
          spec: { selector: labels(), clusterIP: "None", ports: [{ port: 80, targetPort: 8080, protocol: "TCP" }] },
        };
      } else if (kindRoll < 0.75) {
        yield {
          apiVersion: "apps/v1",
          kind: "StatefulSet",
          metadata: meta(opts, "StatefulSet", ns, app, { labels: labels() }),
          spec: {
            replicas,
            serviceName: app,
            selector: { matchLabels: labels() },
            template: { metadata: { labels: labels() }, spec: spec() },
          },
        };
        for (let p = 0; p < replicas; p++)
          yield pod(opts, ns, `${app}-${p}`, labels(), spec(), ["StatefulSet", "apps/v1", app]);
        left -= replicas;
      } else if (kindRoll < 0.85) {
        yield {
          apiVersion: "apps/v1",
          kind: "DaemonSet",
          metadata: meta(opts, "DaemonSet", ns, app, { labels: labels() }),
          spec: { selector: { matchLabels: labels() }, template: { metadata: { labels: labels() }, spec: spec() } },
        };
        for (let p = 0; p < replicas; p++)
          yield pod(opts, ns, `${app}-node${p}`, labels(), spec(), ["DaemonSet", "apps/v1", app]);
        left -= replicas;
      } else if (kindRoll < 0.95) {
        const jobSpec = () => ({
          template: { metadata: { labels: labels() }, spec: { ...spec(), restartPolicy: "OnFailure" } },
        });
        yield {
          apiVersion: "batch/v1",
          kind: "CronJob",
          metadata: meta(opts, "CronJob", ns, app),
          spec: { schedule: "*/15 * * * *", jobTemplate: { spec: jobSpec() } },
        };
        const job = `${app}-29000000`;
        yield {
          apiVersion: "batch/v1",
          kind: "Job",
          metadata: meta(opts, "Job", ns, job, { ownerReferences: [ownerRef(opts, "CronJob", "batch/v1", ns, app)] }),
          spec: jobSpec(),
        };
        yield pod(opts, ns, `${job}-abcde`, labels(), { ...spec(), restartPolicy: "OnFailure" }, [
          "Job",
          "batch/v1",
          job,
        ]);
        left -= 1;
      } else {
        yield pod(opts, ns, `${app}-debug`, labels(), spec());
        left -= 1;
      }
      i++;
    }
  }
}

/** What the API server adds to a pod (not to templates): a node and the service-account token volume, named per pod. */
function injected(spec: Json, pod: string): Json {
  const volume = `kube-api-access-${hash12(pod).slice(0, 5)}`;
  const containers = (spec.containers as Json[]).map((c) => ({
    ...c,
    volumeMounts: [
      ...((c.volumeMounts as Json[]) ?? []),
      { name: volume, mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", readOnly: true },
    ],
  }));
  const token = {
    name: volume,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
        { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
        {
          downwardAPI: {
            items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }],
          },
        },
      ],
    },
  };
  return {
    ...spec,
    nodeName: `node-${hash12(pod).slice(0, 2)}`,
    containers,
    volumes: [...(spec.volumes as Json[]), token],
  };
}

function pod(
  opts: GenOptions,
  ns: string,
  name: string,
  labels: Record<string, string>,
  spec: Json,
  owner?: [string, string, string],
): Json {
  const live = !opts.forCreate;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: meta(opts, "Pod", ns, name, {
      labels,
      ...(owner ? { ownerReferences: [ownerRef(opts, owner[0], owner[1], ns, owner[2])] } : {}),
    }),
    spec: live ? injected(spec, name) : spec,
    ...(live
      ? {
          status: {
            phase: "Running",
            podIP: "10.0.0.1",
            conditions: [{ type: "Ready", status: "True", lastTransitionTime: "2026-10-01T00:00:00Z" }],
            containerStatuses: [
              {
                name: "app",
                ready: true,
                restartCount: 0,
                image: "x",
                imageID: "y",
                containerID: "containerd://z",
                started: true,
                state: { running: { startedAt: "2026-10-01T00:00:00Z" } },
              },
            ],
          },
        }
      : {}),
  };
}

// Small builders for the demo cluster's raw objects (shaped like API output).
import type { Json } from "../../util/record.js";

let clock = Date.parse("2026-11-01T08:00:00Z");

export function uidFor(kind: string, ns: string | undefined, name: string): string {
  return `demo-${kind.toLowerCase()}-${ns ?? "cluster"}-${name}`;
}

export function meta(kind: string, ns: string | undefined, name: string, extra: Json = {}): Json {
  clock += 60_000;
  return {
    name,
    ...(ns ? { namespace: ns } : {}),
    uid: uidFor(kind, ns, name),
    resourceVersion: "1",
    creationTimestamp: new Date(clock).toISOString(),
    ...extra,
  };
}

export function ns(name: string, labels: Record<string, string> = {}): Json {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: meta("Namespace", undefined, name, {
      labels: { "kubernetes.io/metadata.name": name, ...labels },
    }),
  };
}

export function sa(namespace: string, name: string, extra: Json = {}): Json {
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: meta("ServiceAccount", namespace, name),
    ...extra,
  };
}

export interface TemplateOpts {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  spec: Json;
}

function template(t: TemplateOpts): Json {
  return {
    metadata: { labels: t.labels, ...(t.annotations ? { annotations: t.annotations } : {}) },
    spec: t.spec,
  };
}

function ownerRef(kind: string, apiVersion: string, ns: string, name: string): Json {
  return {
    apiVersion,
    kind,
    name,
    uid: uidFor(kind, ns, name),
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function pod(
  namespace: string,
  name: string,
  t: TemplateOpts,
  owner?: { kind: string; apiVersion: string; name: string },
): Json {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: meta("Pod", namespace, name, {
      labels: t.labels,
      ...(t.annotations ? { annotations: t.annotations } : {}),
      ...(owner ? { ownerReferences: [ownerRef(owner.kind, owner.apiVersion, namespace, owner.name)] } : {}),
    }),
    spec: { nodeName: "node-1", ...t.spec },
    status: { phase: "Running" },
  };
}

/** A Deployment with its ReplicaSet and `replicas` pods, owner references wired. */
export function deployment(
  namespace: string,
  name: string,
  replicas: number,
  t: TemplateOpts,
  hash = "7d9f6c4b8",
): Json[] {
  const rsName = `${name}-${hash}`;
  const labels = { ...t.labels, "pod-template-hash": hash };
  const out: Json[] = [
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: meta("Deployment", namespace, name, { labels: t.labels }),
      spec: { replicas, selector: { matchLabels: t.labels }, template: template(t) },
    },
    {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: meta("ReplicaSet", namespace, rsName, {
        labels,
        ownerReferences: [ownerRef("Deployment", "apps/v1", namespace, name)],
      }),
      spec: { replicas, selector: { matchLabels: labels }, template: template({ ...t, labels }) },
    },
  ];
  const suffixes = ["x2k9p", "m4q7z", "b8v3n", "t6w1c"];
  for (let i = 0; i < replicas; i++) {
    out.push(
      pod(
        namespace,
        `${rsName}-${suffixes[i % suffixes.length]}`,
        { ...t, labels },
        { kind: "ReplicaSet", apiVersion: "apps/v1", name: rsName },
      ),
    );
  }
  return out;
}

export function statefulSet(namespace: string, name: string, replicas: number, t: TemplateOpts): Json[] {
  const out: Json[] = [
    {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: meta("StatefulSet", namespace, name, { labels: t.labels }),
      spec: {
        replicas,
        serviceName: name,
        selector: { matchLabels: t.labels },
        template: template(t),
      },
    },
  ];
  for (let i = 0; i < replicas; i++)
    out.push(pod(namespace, `${name}-${i}`, t, { kind: "StatefulSet", apiVersion: "apps/v1", name }));
  return out;
}

export function daemonSet(namespace: string, name: string, nodes: number, t: TemplateOpts): Json[] {
  const out: Json[] = [
    {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: meta("DaemonSet", namespace, name, { labels: t.labels }),
      spec: { selector: { matchLabels: t.labels }, template: template(t) },
    },
  ];
  const suffixes = ["h7k2d", "p9r4s", "w3x8f"];
  for (let i = 0; i < nodes; i++)
    out.push(
      pod(namespace, `${name}-${suffixes[i % suffixes.length]}`, t, {
        kind: "DaemonSet",
        apiVersion: "apps/v1",
        name,
      }),
    );
  return out;
}

/** A CronJob with one Job it created and that Job's pod. */
export function cronJob(namespace: string, name: string, schedule: string, t: TemplateOpts): Json[] {
  const jobName = `${name}-29380320`;
  const jobSpec = { backoffLimit: 2, template: template(t) };
  return [
    {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: meta("CronJob", namespace, name, { labels: t.labels }),
      spec: { schedule, jobTemplate: { spec: jobSpec } },
    },
    {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: meta("Job", namespace, jobName, {
        labels: t.labels,
        ownerReferences: [ownerRef("CronJob", "batch/v1", namespace, name)],
      }),
      spec: jobSpec,
    },
    pod(namespace, `${jobName}-q5lzn`, t, { kind: "Job", apiVersion: "batch/v1", name: jobName }),
  ];
}

export function role(
  kind: "Role" | "ClusterRole",
  namespace: string | undefined,
  name: string,
  rules: Json[],
  extra: Json = {},
): Json {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind,
    metadata: meta(kind, namespace, name, extra.metadata as Json | undefined),
    rules,
    ...(extra.aggregationRule ? { aggregationRule: extra.aggregationRule } : {}),
  };
}

export function binding(
  kind: "RoleBinding" | "ClusterRoleBinding",
  namespace: string | undefined,
  name: string,
  roleRef: { kind: "Role" | "ClusterRole"; name: string },
  subjects: Json[],
): Json {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind,
    metadata: meta(kind, namespace, name),
    roleRef: { apiGroup: "rbac.authorization.k8s.io", ...roleRef },
    subjects,
  };
}

export function saSubject(namespace: string, name: string): Json {
  return { kind: "ServiceAccount", name, namespace };
}

export function netpol(namespace: string, name: string, spec: Json): Json {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: meta("NetworkPolicy", namespace, name),
    spec,
  };
}

/** A Secret as a kubectl dump shows it; values are fake and dropped by projection anyway. */
export function secret(namespace: string, name: string, type: string, keys: string[], extraMeta: Json = {}): Json {
  return {
    apiVersion: "v1",
    kind: "Secret",
    type,
    metadata: meta("Secret", namespace, name, extraMeta),
    data: Object.fromEntries(keys.map((k) => [k, ""])),
  };
}

export function configMap(namespace: string, name: string, data: Record<string, string>): Json {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: meta("ConfigMap", namespace, name),
    data,
  };
}

// cluster.namespace-no-quota: a namespace that runs workloads with no ResourceQuota
// or no LimitRange (seeds: "set resource limits to prevent abuse"): one runaway or
// compromised workload can take the nodes' CPU and memory from everyone else.
// The fix is a manifest sized from what the namespace's workloads request today.
import type { KObject } from "../../cluster/objects.js";
import type { Store } from "../../store/store.js";
import type { CheckDef, FixFragment } from "../engine.js";
import { type Finding, makeFinding } from "../finding.js";
import { formatCpu, formatMemory, parseQuantity } from "./quantity.js";

export const SYSTEM_NAMESPACES = new Set(["kube-system", "kube-public", "kube-node-lease"]);
const QUOTA_NAME = "compute-quota";
const LIMITS_NAME = "container-defaults";

/** Controllers whose pods count once per replica; the rest once. */
const CONTROLLERS = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob"];

export interface NamespaceLoad {
  /** Top-level workloads: controllers nothing owns, and bare pods. */
  workloads: KObject[];
  pods: number;
  cpuMilli: number;
  memoryBytes: number;
  containers: number;
}

function podSpecOf(obj: KObject): Record<string, unknown> | undefined {
  const spec =
    obj.kind === "Pod"
      ? obj.spec
      : obj.kind === "CronJob"
        ? obj.spec?.jobTemplate?.spec?.template?.spec
        : obj.spec?.template?.spec;
  return spec && typeof spec === "object" ? spec : undefined;
}

/** What the namespace's workloads run and request (controllers × replicas, bare pods once). */
export function namespaceLoad(store: Store, ns: string): NamespaceLoad {
  const load: NamespaceLoad = { workloads: [], pods: 0, cpuMilli: 0, memoryBytes: 0, containers: 0 };
  const kinds = [...CONTROLLERS, "Pod"];
  for (const kind of kinds) {
    for (const obj of store.inNamespace(kind, ns)) {
      if (obj.metadata.ownerReferences.some((o) => o.controller || kinds.includes(o.kind))) continue;
      const spec = podSpecOf(obj);
      if (!spec) continue;
      load.workloads.push(obj);
      const replicas =
        obj.kind === "Pod" || obj.kind === "DaemonSet" || obj.kind === "Job" || obj.kind === "CronJob"
          ? 1
          : typeof obj.spec?.replicas === "number"
            ? Math.max(0, obj.spec.replicas)
            : 1;
      load.pods += replicas;
      for (const c of Array.isArray(spec.containers) ? spec.containers : []) {
        const req = (c as { resources?: { requests?: Record<string, unknown> } })?.resources?.requests ?? {};
        load.cpuMilli += (parseQuantity(req.cpu) ?? 0) * 1000 * replicas;
        load.memoryBytes += (parseQuantity(req.memory) ?? 0) * replicas;
        load.containers += replicas;
      }
    }
  }
  return load;
}

export interface QuotaGap {
  namespace: string;
  quota: boolean;
  limits: boolean;
  load: NamespaceLoad;
}

/** The namespace's gap, if it runs workloads without a ResourceQuota or a LimitRange. */
export function quotaGap(store: Store, ns: string): QuotaGap | undefined {
  if (SYSTEM_NAMESPACES.has(ns)) return undefined;
  const quota = store.inNamespace("ResourceQuota", ns).length > 0;
  const limits = store.inNamespace("LimitRange", ns).length > 0;
  if (quota && limits) return undefined;
  const load = namespaceLoad(store, ns);
  if (!load.workloads.length) return undefined;
  return { namespace: ns, quota, limits, load };
}

const nsRef = (name: string) => ({ apiVersion: "v1", kind: "Namespace", name });

/** Twice today's requests (room to roll out), with floors so a namespace without requests gets sane numbers. */
export function sizedManifests(gap: QuotaGap): {
  quota: Record<string, unknown>;
  limits: Record<string, unknown>;
  explain: string;
} {
  const { load } = gap;
  const perContainerCpu = load.containers ? load.cpuMilli / load.containers : 0;
  const perContainerMem = load.containers ? load.memoryBytes / load.containers : 0;
  const defCpu = Math.max(100, perContainerCpu);
  const defMem = Math.max(128 * 2 ** 20, perContainerMem);
  const cpu = Math.max(load.cpuMilli, defCpu * load.containers) * 2;
  const mem = Math.max(load.memoryBytes, defMem * load.containers) * 2;
  const quota = {
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: { name: QUOTA_NAME, namespace: gap.namespace },
    spec: {
      hard: {
        pods: String(Math.max(10, load.pods * 2)),
        "requests.cpu": formatCpu(cpu),
        "requests.memory": formatMemory(mem),
        "limits.cpu": formatCpu(cpu * 2),
        "limits.memory": formatMemory(mem * 2),
      },
    },
  };
  const limits = {
    apiVersion: "v1",
    kind: "LimitRange",
    metadata: { name: LIMITS_NAME, namespace: gap.namespace },
    spec: {
      limits: [
        {
          type: "Container",
          defaultRequest: { cpu: formatCpu(defCpu), memory: formatMemory(defMem) },
          default: { cpu: formatCpu(defCpu * 2), memory: formatMemory(defMem * 2) },
        },
      ],
    },
  };
  const explain = `Sized from what the ${load.workloads.length} workload(s) of ${gap.namespace} request today (${load.pods} pod(s), ${formatCpu(load.cpuMilli)} CPU and ${formatMemory(load.memoryBytes)} memory requested): the quota allows twice that, limits twice the requests; the LimitRange gives containers without resources the average request (at least 100m CPU, 128Mi memory) and twice it as limit. Adjust before applying.`;
  return { quota, limits, explain };
}

export const namespaceNoQuota: CheckDef & { detect(gap: QuotaGap): Finding[] } = {
  meta: {
    id: "cluster.namespace-no-quota",
    title: "Namespace without ResourceQuota or LimitRange",
    severity: "low",
    panel: "cluster",
    description:
      "The namespace runs workloads but has no ResourceQuota (nothing caps what it may consume in total) or no LimitRange (containers without resources run unbounded): one runaway or compromised workload can starve the nodes it shares with everyone else. System namespaces are not reported.",
    remediation:
      "Apply a ResourceQuota on requests, limits and pod count, and a LimitRange giving containers default requests and limits; kubeward writes both, sized from today's requests.",
    references: [
      "Kubernetes docs: Resource Quotas",
      "Kubernetes docs: Limit Ranges",
      "CIS Kubernetes Benchmark 5.7.1: Create administrative boundaries between resources using namespaces",
    ],
  },
  detect(gap) {
    const missing = [!gap.quota && "ResourceQuota", !gap.limits && "LimitRange"].filter(Boolean).join(" and ");
    const target = gap.quota
      ? { apiVersion: "v1", kind: "LimitRange", namespace: gap.namespace, name: LIMITS_NAME }
      : { apiVersion: "v1", kind: "ResourceQuota", namespace: gap.namespace, name: QUOTA_NAME };
    return [
      makeFinding({
        meta: namespaceNoQuota.meta,
        resource: nsRef(gap.namespace),
        message: `namespace ${gap.namespace} runs ${gap.load.workloads.length} workload(s) with no ${missing.replace(" and ", " and no ")}: nothing bounds what they consume`,
        fix: { target, type: "manifest" },
      }),
    ];
  },
  fix(finding, ctx): FixFragment | undefined {
    const ns = finding.resource.name;
    const gap = quotaGap(ctx.store, ns);
    if (!gap) return undefined;
    const m = sizedManifests(gap);
    const manifests = [...(gap.quota ? [] : [m.quota]), ...(gap.limits ? [] : [m.limits])];
    const [first, ...extra] = manifests;
    if (!first) return undefined;
    return {
      kind: "manifest",
      manifest: first,
      ...(extra.length ? { extra } : {}),
      explain: m.explain,
      mayBreak:
        "Once a ResourceQuota covers requests/limits, pods that set none are rejected unless the LimitRange gives them defaults; a quota below today's usage blocks new pods (not running ones).",
    };
  },
};

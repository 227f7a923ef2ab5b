// cluster.exposed-dashboard: a Kubernetes Dashboard (by image or labels) reachable
// from outside the cluster (a NodePort/LoadBalancer Service, or an Ingress, in
// front of it), running with --enable-skip-login, or whose account is
// cluster-admin — the classic way clusters were taken over (Tesla, 2018).
import type { KObject } from "../../cluster/objects.js";
import { refOf } from "../../cluster/objects.js";
import type { Store } from "../../store/store.js";
import type { CheckDef } from "../engine.js";
import { type Finding, makeFinding, type Severity } from "../finding.js";
import type { RbacModel } from "../models.js";
import { serviceAccountName, type Workload, workloadOf } from "../workloads.js";

const DASHBOARD_IMAGE = /(^|\/)kubernetesui\/dashboard(-web|-api|-auth)?(:|@|$)/;
const DASHBOARD_LABELS: [string, RegExp][] = [
  ["k8s-app", /^kubernetes-dashboard$/],
  ["app.kubernetes.io/name", /^kubernetes-dashboard(-web|-api|-auth|-kong)?$/],
];

function isDashboard(w: Workload): boolean {
  const containers = [...(w.podSpec.containers ?? []), ...(w.podSpec.initContainers ?? [])];
  if (containers.some((c) => typeof c?.image === "string" && DASHBOARD_IMAGE.test(c.image))) return true;
  return DASHBOARD_LABELS.some(([k, re]) => re.test(w.podLabels[k] ?? ""));
}

function skipLogin(w: Workload): boolean {
  for (const c of w.podSpec.containers ?? []) {
    const tokens = [...(Array.isArray(c?.command) ? c.command : []), ...(Array.isArray(c?.args) ? c.args : [])];
    for (const t of tokens)
      if (typeof t === "string" && /^--enable-skip-login(=(true|1|t|T|TRUE|True))?$/.test(t)) return true;
  }
  return false;
}

const selects = (selector: unknown, labels: Record<string, string>): boolean => {
  if (!selector || typeof selector !== "object") return false;
  const entries = Object.entries(selector as Record<string, unknown>);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
};

/** How the workload is reachable from outside: exposing Services and Ingresses. */
function exposures(store: Store, w: Workload): { how: string[]; refs: KObject[] } {
  const how: string[] = [];
  const refs: KObject[] = [];
  const services = store.inNamespace("Service", w.namespace).filter((s) => selects(s.spec?.selector, w.podLabels));
  for (const s of services) {
    const type = s.spec?.type;
    if (type === "NodePort" || type === "LoadBalancer") {
      how.push(`Service ${s.metadata.name} (${type})`);
      refs.push(s);
    }
  }
  const names = new Set(services.map((s) => s.metadata.name));
  for (const ing of store.inNamespace("Ingress", w.namespace)) {
    const backends: unknown[] = [ing.spec?.defaultBackend];
    for (const r of Array.isArray(ing.spec?.rules) ? ing.spec.rules : [])
      for (const p of Array.isArray(r?.http?.paths) ? r.http.paths : []) backends.push(p?.backend);
    const hit = backends.some((b) => {
      const name =
        (b as { service?: { name?: unknown }; serviceName?: unknown })?.service?.name ??
        (b as { serviceName?: unknown })?.serviceName;
      return typeof name === "string" && names.has(name);
    });
    if (hit) {
      how.push(`Ingress ${ing.metadata.name}`);
      refs.push(ing);
    }
  }
  return { how, refs };
}

export const exposedDashboard: CheckDef & {
  detect(obj: KObject, store: Store, rbac: RbacModel | undefined): Finding[];
} = {
  meta: {
    id: "cluster.exposed-dashboard",
    title: "Kubernetes Dashboard exposed or over-privileged",
    severity: "high",
    panel: "cluster",
    description:
      "A Kubernetes Dashboard runs reachable from outside the cluster (a NodePort or LoadBalancer Service, or an Ingress), with --enable-skip-login (anyone can use it as its own account), or with a cluster-admin account. Each turns a web page into cluster control; together they are critical.",
    remediation:
      "Reach the dashboard only through kubectl proxy or port-forward (a ClusterIP Service, no Ingress), remove --enable-skip-login, and give its ServiceAccount no more than read access — users should log in with their own tokens.",
    references: [
      "Kubernetes Dashboard docs: Access control (skip login, admin privileges)",
      "Kubernetes docs: Deploy and Access the Kubernetes Dashboard",
    ],
  },
  detect(obj, store, rbac) {
    const w = workloadOf(obj);
    if (!w || !isDashboard(w)) return [];
    // Pods of a controller are reported through the controller.
    if (obj.kind === "Pod" && obj.metadata.ownerReferences.some((o) => o.controller)) return [];
    if (obj.kind === "ReplicaSet" && obj.metadata.ownerReferences.some((o) => o.controller)) return [];
    const sa = serviceAccountName(w);
    const admin = rbac
      ?.riskyChecksOf({ kind: "ServiceAccount", namespace: w.namespace, name: sa })
      .includes("rbac.cluster-admin");
    const skip = skipLogin(w);
    const exposed = exposures(store, w);
    const problems = [
      exposed.how.length && `reachable from outside through ${exposed.how.join(", ")}`,
      skip && "runs with --enable-skip-login",
      admin && `its ServiceAccount ${w.namespace}/${sa} is cluster-admin`,
    ].filter((x): x is string => typeof x === "string");
    if (!problems.length) return [];
    const severity: Severity = problems.length >= 2 || (admin && skip) ? "critical" : "high";
    return [
      makeFinding({
        meta: exposedDashboard.meta,
        resource: w.ref,
        severity,
        message: `Kubernetes Dashboard ${w.ref.kind} ${w.namespace}/${w.ref.name}: ${problems.join("; ")}`,
        related: exposed.refs.map(refOf),
      }),
    ];
  },
};

// net.exposed-service: a workload reachable from outside the cluster. Exposure comes
// from a Service of type LoadBalancer or NodePort (a LoadBalancer with
// loadBalancerSourceRanges is restricted by the cloud load balancer and not counted),
// or a route of the ingress controller: an Ingress (networking.k8s.io/v1) or a Gateway
// API HTTPRoute, whose backend Service selects the workload. NetworkPolicy decides
// whether the traffic arrives, judged by the connectivity evaluator (reach):
// - through a LoadBalancer/NodePort the source is an address outside the pods: the
//   client's (externalTrafficPolicy: Local keeps it) or a node's (Cluster, SNAT), so
//   the workload is exposed when some address block may reach the target port;
// - through a route the source is the ingress controller's pods: the workload is
//   exposed when the controller may reach it and its ingress is not restricted to the
//   controller (another workload or an address block may reach it on that port too).
// High when the workload runs privileged or mounts a token that can read all secrets,
// create pods or escalate (then the correlate engine adds an attack path).
import { effectiveNamespace } from "../../cluster/namespace.js";
import { type KObject, type ResourceRef, refKey, refOf, uniqueRefs, WORKLOAD_KINDS } from "../../cluster/objects.js";
import { isRecord } from "../../util/record.js";
import { topWorkloadsOf } from "../correlate/common.js";
import type { AnalysisContext, CheckDef } from "../engine.js";
import { type Finding, makeFinding } from "../finding.js";
import type { ReachConnection, ReachPeer } from "../models.js";
import { objectsOfKindsIn } from "../parts.js";
import { powerOf } from "../secrets/power.js";
import { hasProjectedToken, serviceAccountOf, tokenAutomounted } from "../secrets/refs.js";
import type { Workload } from "../workloads.js";
import { namedPortsOf } from "./isolation.js";
import type { Protocol } from "./policy.js";

export const exposedService: CheckDef = {
  meta: {
    id: "net.exposed-service",
    title: "Workload reachable from outside the cluster",
    severity: "medium",
    panel: "network",
    description:
      "A LoadBalancer or NodePort Service, or an Ingress/HTTPRoute through the ingress controller, sends traffic from outside the cluster to this workload, and its NetworkPolicies let that traffic in. High when the workload is privileged or holds a powerful service-account token: one exploitable bug there is a foothold from the internet.",
    remediation:
      "Expose only what must be public: set loadBalancerSourceRanges, use a ClusterIP Service behind the ingress controller, and restrict the workload's ingress with a NetworkPolicy to the controller's pods on the service port. Do not expose privileged workloads or ones holding powerful tokens.",
    references: [
      "https://kubernetes.io/docs/concepts/services-networking/service/#loadbalancer",
      "https://kubernetes.io/docs/concepts/services-networking/ingress/",
      "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
      "https://kubernetes.io/docs/tasks/access-application-cluster/create-external-load-balancer/#preserving-the-client-source-ip",
    ],
  },
};

interface ServicePort {
  port: number;
  name?: string;
  targetPort: number | string;
  protocol: Protocol;
}

function servicePorts(svc: KObject): ServicePort[] {
  const ports = isRecord(svc.spec) && Array.isArray(svc.spec.ports) ? svc.spec.ports : [];
  const out: ServicePort[] = [];
  for (const p of ports) {
    if (!isRecord(p) || typeof p.port !== "number") continue;
    const protocol = p.protocol === "UDP" || p.protocol === "SCTP" ? p.protocol : "TCP";
    const target =
      typeof p.targetPort === "number" || (typeof p.targetPort === "string" && p.targetPort) ? p.targetPort : p.port;
    out.push({ port: p.port, targetPort: target, protocol, ...(typeof p.name === "string" ? { name: p.name } : {}) });
  }
  return out;
}

function selectorOf(svc: KObject): Record<string, string> | undefined {
  const sel = isRecord(svc.spec) ? svc.spec.selector : undefined;
  if (!isRecord(sel) || Object.keys(sel).length === 0) return undefined;
  return sel as Record<string, string>;
}

function selects(selector: Record<string, string>, w: Workload): boolean {
  for (const [k, v] of Object.entries(selector)) if (w.podLabels[k] !== v) return false;
  return true;
}

/** The container port a Service port targets on a workload (named target ports resolved on it). */
function targetOn(sp: ServicePort, w: Workload): { port: number; protocol: Protocol } | undefined {
  if (typeof sp.targetPort === "number") return { port: sp.targetPort, protocol: sp.protocol };
  const named = namedPortsOf(w).get(sp.targetPort);
  return named && named.protocol === sp.protocol ? named : undefined;
}

/** Label values ingress controllers and gateways are deployed with (their charts' defaults). */
const CONTROLLER = /ingress|gateway|traefik|contour|envoy|haproxy|kong|emissary|ambassador/i;
const CONTROLLER_KEYS = ["app.kubernetes.io/name", "app.kubernetes.io/component", "app", "k8s-app", "istio"];

/** The ingress controllers' workloads: labelled like the common controllers' charts. */
function controllers(workloads: readonly Workload[]): Set<string> {
  const out = new Set<string>();
  for (const w of workloads)
    if (CONTROLLER_KEYS.some((k) => CONTROLLER.test(w.podLabels[k] ?? "")))
      out.add(`${w.namespace}/${w.ref.kind}/${w.ref.name}`);
  return out;
}

interface Exposure {
  via: ResourceRef[];
  how: string;
}

/** The address blocks among the sources; "anywhere" when 0.0.0.0/0 or ::/0 (no except) is one. */
function blocks(cs: readonly ReachConnection[]): string[] {
  const everywhere = cs.some((c) => "cidr" in c.from && /\/0$/.test(c.from.cidr) && !c.from.except?.length);
  if (everywhere) return ["anywhere"];
  return cs.flatMap((c) =>
    "cidr" in c.from ? [c.from.except?.length ? `${c.from.cidr} except ${c.from.except.join(",")}` : c.from.cidr] : [],
  );
}

/** Backend Services of an Ingress: defaultBackend and every rule path, with their port (number or name). */
function ingressBackends(ing: KObject): { name: string; port: number | string | undefined }[] {
  const spec = isRecord(ing.spec) ? ing.spec : {};
  const backends: unknown[] = [spec.defaultBackend];
  for (const r of Array.isArray(spec.rules) ? spec.rules : [])
    if (isRecord(r) && isRecord(r.http) && Array.isArray(r.http.paths))
      for (const p of r.http.paths) if (isRecord(p)) backends.push(p.backend);
  const out: { name: string; port: number | string | undefined }[] = [];
  for (const b of backends) {
    const svc = isRecord(b) && isRecord(b.service) ? b.service : undefined;
    if (!svc || typeof svc.name !== "string") continue;
    const port = isRecord(svc.port)
      ? typeof svc.port.number === "number"
        ? svc.port.number
        : typeof svc.port.name === "string"
          ? svc.port.name
          : undefined
      : undefined;
    out.push({ name: svc.name, port });
  }
  return out;
}

/** Backend Services of an HTTPRoute (gateway.networking.k8s.io): backendRefs of kind Service. */
function routeBackends(route: KObject): { name: string; namespace: string; port: number | undefined }[] {
  const spec = isRecord(route.spec) ? route.spec : {};
  const out: { name: string; namespace: string; port: number | undefined }[] = [];
  for (const r of Array.isArray(spec.rules) ? spec.rules : [])
    for (const b of isRecord(r) && Array.isArray(r.backendRefs) ? r.backendRefs : []) {
      if (!isRecord(b) || typeof b.name !== "string") continue;
      if (b.kind !== undefined && b.kind !== "Service") continue;
      if (b.group !== undefined && b.group !== "" && b.group !== "core") continue;
      out.push({
        name: b.name,
        namespace:
          typeof b.namespace === "string" && b.namespace ? b.namespace : effectiveNamespace(route.metadata.namespace),
        port: typeof b.port === "number" ? b.port : undefined,
      });
    }
  return out;
}

function portOf(svc: KObject, port: number | string | undefined): ServicePort[] {
  const all = servicePorts(svc);
  if (port === undefined) return all;
  return all.filter((p) => (typeof port === "number" ? p.port === port : p.name === port));
}

export function detectExposedServices(ctx: AnalysisContext): Finding[] {
  const { store } = ctx;
  const network = ctx.models.network;
  if (!network?.reach) return [];
  const services = store.list("Service");
  const ingresses = store.list("Ingress");
  const routes = store.list("HTTPRoute");
  const external = services.filter((s) => {
    const type = isRecord(s.spec) ? s.spec.type : undefined;
    return type === "LoadBalancer" || type === "NodePort";
  });
  if (!external.length && !ingresses.length && !routes.length) return [];

  const byNs = new Map<string, Workload[]>();
  const workloadsIn = (ns: string) => {
    let list = byNs.get(ns);
    if (!list) byNs.set(ns, (list = topWorkloadsOf(store, objectsOfKindsIn(store, WORKLOAD_KINDS, ns))));
    return list;
  };
  const controllerKeys = controllers(store.namespaces().flatMap(workloadsIn));
  const isController = (p: ReachPeer) => "name" in p && controllerKeys.has(`${p.namespace}/${p.kind}/${p.name}`);
  const found = new Map<string, { w: Workload; exposures: Exposure[] }>();
  const add = (w: Workload, e: Exposure) => {
    const k = refKey(w.ref);
    let entry = found.get(k);
    if (!entry) found.set(k, (entry = { w, exposures: [] }));
    entry.exposures.push(e);
  };
  const into = (w: Workload, t: { port: number; protocol: Protocol }) =>
    network.reach!({ to: `${w.namespace}/${w.ref.kind}/${w.ref.name}`, port: t }).connections;

  for (const svc of external) {
    const spec = svc.spec as Record<string, unknown>;
    if (
      spec.type === "LoadBalancer" &&
      Array.isArray(spec.loadBalancerSourceRanges) &&
      spec.loadBalancerSourceRanges.length
    )
      continue;
    const selector = selectorOf(svc);
    if (!selector) continue;
    const local = spec.externalTrafficPolicy === "Local";
    for (const w of workloadsIn(effectiveNamespace(svc.metadata.namespace))) {
      if (!selects(selector, w)) continue;
      for (const sp of servicePorts(svc)) {
        const t = targetOn(sp, w);
        if (!t) continue;
        const from = blocks(into(w, t));
        if (!from.length) continue;
        add(w, {
          via: [refOf(svc)],
          how: `${spec.type} Service ${svc.metadata.name} on ${t.protocol}/${t.port}, allowed from ${from.join("; ")} (${local ? "externalTrafficPolicy Local: client addresses" : "externalTrafficPolicy Cluster: node addresses after SNAT"})`,
        });
        break;
      }
    }
  }

  const routed = (route: KObject, svcNs: string, name: string, port: number | string | undefined, what: string) => {
    const svc = store.getByName("Service", svcNs, name);
    const selector = svc && selectorOf(svc);
    if (!svc || !selector) return;
    for (const w of workloadsIn(svcNs)) {
      if (!selects(selector, w) || controllerKeys.has(`${w.namespace}/${w.ref.kind}/${w.ref.name}`)) continue;
      for (const sp of portOf(svc, port)) {
        const t = targetOn(sp, w);
        if (!t) continue;
        const cs = into(w, t);
        const viaController = controllerKeys.size === 0 || cs.some((c) => isController(c.from));
        const others = cs.filter((c) => !isController(c.from));
        if (!viaController || !others.length) continue;
        add(w, {
          via: [refOf(route), refOf(svc)],
          how: `${what} ${route.metadata.name} → Service ${name} on ${t.protocol}/${t.port}; its ingress is not limited to the ingress controller (also from ${others.length} other peer${others.length === 1 ? "" : "s"})`,
        });
        break;
      }
    }
  };
  for (const ing of ingresses)
    for (const b of ingressBackends(ing))
      routed(ing, effectiveNamespace(ing.metadata.namespace), b.name, b.port, "Ingress");
  for (const r of routes) for (const b of routeBackends(r)) routed(r, b.namespace, b.name, b.port, "HTTPRoute");

  const pods = ctx.models.pods;
  const rbac = ctx.models.rbac;
  const out: Finding[] = [];
  for (const { w, exposures } of found.values()) {
    const level = safe(() => pods?.levelOf(refKey(w.ref)));
    const sa = serviceAccountOf(w);
    const token = tokenAutomounted(w, store) || hasProjectedToken(w);
    const power = token ? safe(() => powerOf(rbac, sa, w.namespace)) : undefined;
    const why = [
      level === "privileged" ? "runs privileged" : "",
      power?.level === "critical"
        ? `holds the token of ServiceAccount ${sa.name}, which can ${power.reasons.join(", ")}`
        : "",
    ].filter(Boolean);
    out.push(
      makeFinding({
        meta: exposedService.meta,
        resource: w.ref,
        severity: why.length ? "high" : "medium",
        message: `reachable from outside the cluster: ${exposures.map((e) => e.how).join("; ")}${why.length ? `; it ${why.join(" and ")}` : ""}`,
        related: uniqueRefs(exposures.flatMap((e) => e.via)),
      }),
    );
  }
  return out;
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

// net.exposed-service and its attack path, table-driven: a workload behind a
// LoadBalancer/NodePort Service or an ingress route, judged with its NetworkPolicies.
import { describe, expect, it } from "vitest";
import { deploymentRaw, netpolRaw, nsRaw } from "../../../test/support/network.js";
import { analyze } from "../../../test/support/store.js";

type Json = Record<string, unknown>;

function svc(namespace: string, name: string, spec: Json): Json {
  return { apiVersion: "v1", kind: "Service", metadata: { name, namespace, uid: `svc-${namespace}-${name}` }, spec };
}

function app(namespace: string, name: string, opts: { privileged?: boolean; labels?: Json; sa?: string } = {}): Json {
  const d = deploymentRaw(namespace, name, { app: name, ...(opts.labels ?? {}) }) as Json & { spec: Json };
  const template = (d.spec.template ?? {}) as Json;
  template.spec = {
    ...(opts.sa ? { serviceAccountName: opts.sa } : {}),
    automountServiceAccountToken: !!opts.sa,
    containers: [
      {
        name: "app",
        image: "registry.example.com/app:1",
        ports: [{ name: "http", containerPort: 8080 }],
        ...(opts.privileged ? { securityContext: { privileged: true } } : {}),
      },
    ],
  };
  return d;
}

const controller = app("ingress-nginx", "controller", { labels: { "app.kubernetes.io/name": "ingress-nginx" } });
const lb = (extra: Json = {}) =>
  svc("shop", "web-lb", {
    type: "LoadBalancer",
    selector: { app: "web" },
    ports: [{ port: 80, targetPort: "http" }],
    ...extra,
  });
const ingress = (backend: string): Json => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "Ingress",
  metadata: { name: "storefront", namespace: "shop", uid: "ing-1" },
  spec: {
    rules: [
      {
        http: {
          paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: backend, port: { number: 80 } } } }],
        },
      },
    ],
  },
});
const clusterIp = svc("shop", "web", { selector: { app: "web" }, ports: [{ port: 80, targetPort: 8080 }] });
const onlyFrom = (from: unknown[]) =>
  netpolRaw("shop", "web-in", {
    podSelector: { matchLabels: { app: "web" } },
    policyTypes: ["Ingress"],
    ingress: [{ from, ports: [{ port: 8080 }] }],
  });
const fromController = onlyFrom([
  { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } },
]);

type Case = [
  name: string,
  objects: Json[],
  expected: { severity: string; message: RegExp; related: string[] } | undefined,
];

const base = [nsRaw("shop"), nsRaw("ingress-nginx"), controller];
const cases: Case[] = [
  [
    "LoadBalancer, no policy: exposed from anywhere",
    [app("shop", "web"), lb()],
    {
      severity: "medium",
      message: /LoadBalancer Service web-lb on TCP\/8080, allowed from anywhere \(externalTrafficPolicy Cluster/,
      related: ["Service/shop/web-lb"],
    },
  ],
  [
    "privileged: high",
    [app("shop", "web", { privileged: true }), lb({ externalTrafficPolicy: "Local" })],
    {
      severity: "high",
      message: /externalTrafficPolicy Local: client addresses.*it runs privileged/,
      related: ["Service/shop/web-lb"],
    },
  ],
  [
    "a powerful token: high",
    [
      app("shop", "web", { sa: "web" }),
      lb(),
      { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "web", namespace: "shop", uid: "sa-web" } },
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "ClusterRole",
        metadata: { name: "all", uid: "cr-all" },
        rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }],
      },
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "ClusterRoleBinding",
        metadata: { name: "web-all", uid: "crb-web" },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "all" },
        subjects: [{ kind: "ServiceAccount", name: "web", namespace: "shop" }],
      },
    ],
    {
      severity: "high",
      message: /it holds the token of ServiceAccount web, which can /,
      related: ["Service/shop/web-lb"],
    },
  ],
  [
    "loadBalancerSourceRanges: restricted at the load balancer",
    [app("shop", "web"), lb({ loadBalancerSourceRanges: ["203.0.113.0/24"] })],
    undefined,
  ],
  ["ClusterIP only: not exposed", [app("shop", "web"), clusterIp], undefined],
  [
    "NodePort, ingress denied by policy: not exposed",
    [app("shop", "web"), lb({ type: "NodePort" }), onlyFrom([{ podSelector: {} }])],
    undefined,
  ],
  [
    "NodePort, policy admits a block on the target port",
    [
      app("shop", "web"),
      lb({ type: "NodePort" }),
      onlyFrom([{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.9.0.0/16"] } }]),
    ],
    {
      severity: "medium",
      message: /NodePort Service web-lb on TCP\/8080, allowed from 10\.0\.0\.0\/8 except 10\.9\.0\.0\/16/,
      related: ["Service/shop/web-lb"],
    },
  ],
  [
    "named targetPort not on the pod: no traffic arrives",
    [
      app("shop", "web"),
      svc("shop", "web-lb", {
        type: "LoadBalancer",
        selector: { app: "web" },
        ports: [{ port: 80, targetPort: "metrics" }],
      }),
    ],
    undefined,
  ],
  [
    "Ingress, web admits only the controller: not counted",
    [app("shop", "web"), clusterIp, ingress("web"), fromController],
    undefined,
  ],
  [
    "Ingress, web open to everything: exposed through the route",
    [app("shop", "web"), clusterIp, ingress("web")],
    {
      severity: "medium",
      message: /Ingress storefront → Service web on TCP\/8080; its ingress is not limited to the ingress controller/,
      related: ["Ingress/shop/storefront", "Service/shop/web"],
    },
  ],
  [
    "Ingress, controller cannot reach web: the route is dead",
    [
      app("shop", "web"),
      app("shop", "other"),
      clusterIp,
      ingress("web"),
      onlyFrom([{ podSelector: { matchLabels: { app: "other" } } }]),
    ],
    undefined,
  ],
  [
    "HTTPRoute backendRefs work like an Ingress backend",
    [
      app("shop", "web"),
      clusterIp,
      {
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "HTTPRoute",
        metadata: { name: "store", namespace: "shop", uid: "route-1" },
        spec: { parentRefs: [{ name: "gw" }], rules: [{ backendRefs: [{ name: "web", port: 80 }] }] },
      },
    ],
    {
      severity: "medium",
      message: /HTTPRoute store → Service web on TCP\/8080/,
      related: ["HTTPRoute/shop/store", "Service/shop/web"],
    },
  ],
];

describe("net.exposed-service", () => {
  it.each(cases)("%s", (_, objects, expected) => {
    const { result } = analyze([...base, ...objects]);
    const found = result.findings.filter((f) => f.check === "net.exposed-service" && f.resource.name === "web");
    if (!expected) return expect(found).toEqual([]);
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.severity).toBe(expected.severity);
    expect(f.message).toMatch(expected.message);
    expect((f.related ?? []).map((r) => `${r.kind}/${r.namespace}/${r.name}`)).toEqual(expected.related);
  });

  it("the ingress controller behind its own LoadBalancer is exposed; the routed backend is not counted twice as the controller", () => {
    const { result } = analyze([
      ...base,
      svc("ingress-nginx", "controller", {
        type: "LoadBalancer",
        selector: { app: "controller" },
        ports: [{ port: 80, targetPort: 8080 }],
      }),
    ]);
    const names = result.findings.filter((f) => f.check === "net.exposed-service").map((f) => f.resource.name);
    expect(names).toEqual(["controller"]);
  });
});

describe("path.exposed-powerful-workload", () => {
  it("chains a high exposure with the pod's privilege findings", () => {
    const { result } = analyze([...base, app("shop", "web", { privileged: true }), lb()]);
    const path = result.findings.find((f) => f.check === "path.exposed-powerful-workload");
    expect(path?.severity).toBe("critical");
    const exposed = result.findings.find((f) => f.check === "net.exposed-service" && f.resource.name === "web")!;
    const privileged = result.findings.find((f) => f.check === "pod.privileged" && f.resource.name === "web")!;
    expect(path?.chain).toEqual(expect.arrayContaining([exposed.id, privileged.id]));
  });

  it("is absent when the exposure is medium", () => {
    const { result } = analyze([...base, app("shop", "web"), lb()]);
    expect(result.findings.some((f) => f.check === "path.exposed-powerful-workload")).toBe(false);
  });
});

// Table-driven NetworkPolicy semantics: each case is one connection against a set
// of policies in namespace "t", as the Kubernetes docs ("Network Policies") define it.
import { describe, expect, it } from "vitest";
import { policy } from "../../../test/support/network.js";
import type { Workload } from "../workloads.js";
import { parseAddressOrBlock } from "./cidr.js";
import { isolate } from "./isolation.js";
import type { Direction, Policy, Protocol } from "./policy.js";
import {
  combine,
  type Endpoint,
  endpointMatcher,
  OPEN_SIDE,
  type PodEndpoint,
  portSetOf,
  sideAllows,
} from "./traffic.js";

const ip = (s: string): Endpoint => ({ cidr: parseAddressOrBlock(s)! });

interface Connection {
  /** The pod whose policies are evaluated (destination for ingress, source for egress). */
  pod: PodEndpoint;
  direction: Direction;
  peer: Endpoint;
  port: number;
  protocol?: Protocol;
}

/** One side of one connection, as the engine sees it: the namespace's policies, isolate(), sideAllows(). */
function allowed(policies: readonly Policy[], c: Connection): boolean {
  const workload = {
    namespace: c.pod.namespace,
    podLabels: c.pod.podLabels,
    podSpec: c.pod.hostNetwork ? { hostNetwork: true } : {},
    ref: { apiVersion: "v1", kind: "Pod", namespace: c.pod.namespace, name: "probe" },
  } as unknown as Workload;
  const selecting = isolate(
    workload,
    policies.filter((p) => p.namespace === c.pod.namespace),
  ).policies[c.direction];
  const destination = c.direction === "ingress" ? c.pod : c.peer;
  const side = sideAllows(
    selecting,
    c.direction,
    endpointMatcher(c.peer),
    "cidr" in destination ? undefined : destination.namedPorts,
  );
  return combine(OPEN_SIDE, side, portSetOf(c.port, c.protocol ?? "TCP")).ports.length > 0;
}

const nsLabels = (name: string, extra: Record<string, string> = {}) => ({
  "kubernetes.io/metadata.name": name,
  ...extra,
});

const web: PodEndpoint = {
  namespace: "t",
  namespaceLabels: nsLabels("t"),
  podLabels: { app: "web" },
  namedPorts: new Map([
    ["http", { port: 8080, protocol: "TCP" as Protocol }],
    ["dns", { port: 5353, protocol: "UDP" as Protocol }],
  ]),
};
const db: PodEndpoint = { namespace: "t", namespaceLabels: nsLabels("t"), podLabels: { app: "db" } };
const shopWeb: Endpoint = {
  namespace: "shop",
  namespaceLabels: nsLabels("shop", { team: "storefront" }),
  podLabels: { app: "web" },
};
const shopDb: Endpoint = {
  namespace: "shop",
  namespaceLabels: nsLabels("shop", { team: "storefront" }),
  podLabels: { app: "db" },
};
const devWeb: Endpoint = { namespace: "dev", namespaceLabels: nsLabels("dev"), podLabels: { app: "web" } };
const sameNsClient: Endpoint = { namespace: "t", namespaceLabels: nsLabels("t"), podLabels: { role: "client" } };

const webOnly = { matchLabels: { app: "web" } };
const inFrom = (from: unknown[], ports?: unknown[]) => ({
  podSelector: webOnly,
  policyTypes: ["Ingress"],
  ingress: [{ from, ...(ports ? { ports } : {}) }],
});

type Case = [string, unknown[], Partial<Connection> & { peer: Endpoint }, boolean];

const ingress = (pod: PodEndpoint, peer: Endpoint, port = 8080, protocol?: Protocol): Connection => ({
  pod,
  direction: "ingress",
  peer,
  port,
  ...(protocol ? { protocol } : {}),
});

const cases: Case[] = [
  ["no policy: not isolated, allowed", [], { peer: devWeb }, true],
  [
    "policy selecting another pod does not isolate",
    [{ podSelector: { matchLabels: { app: "db" } }, policyTypes: ["Ingress"] }],
    { peer: devWeb },
    true,
  ],
  [
    "empty podSelector + no rules: deny all ingress",
    [{ podSelector: {}, policyTypes: ["Ingress"] }],
    { peer: sameNsClient },
    false,
  ],
  ["policyTypes absent + no rules: deny all ingress", [{ podSelector: {} }], { peer: sameNsClient }, false],
  ["egress-only policy leaves ingress open", [{ podSelector: {}, policyTypes: ["Egress"] }], { peer: devWeb }, true],
  ["ingress: [{}] allows every source", [{ podSelector: {}, ingress: [{}] }], { peer: devWeb }, true],
  ["ingress: [{}] allows an external IP", [{ podSelector: {}, ingress: [{}] }], { peer: ip("8.8.8.8") }, true],
  [
    "podSelector peer alone: same namespace only",
    [inFrom([{ podSelector: { matchLabels: { role: "client" } } }])],
    { peer: sameNsClient },
    true,
  ],
  [
    "podSelector peer alone: not other namespaces",
    [inFrom([{ podSelector: { matchLabels: { app: "web" } } }])],
    { peer: devWeb },
    false,
  ],
  [
    "podSelector {} peer: every pod of the own namespace",
    [inFrom([{ podSelector: {} }])],
    { peer: sameNsClient },
    true,
  ],
  [
    "namespaceSelector alone: every pod of matching namespaces",
    [inFrom([{ namespaceSelector: { matchLabels: { team: "storefront" } } }])],
    { peer: shopDb },
    true,
  ],
  [
    "namespaceSelector alone: not other namespaces",
    [inFrom([{ namespaceSelector: { matchLabels: { team: "storefront" } } }])],
    { peer: devWeb },
    false,
  ],
  [
    "namespaceSelector by the automatic name label",
    [inFrom([{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "dev" } } }])],
    { peer: devWeb },
    true,
  ],
  ["namespaceSelector {}: every namespace", [inFrom([{ namespaceSelector: {} }])], { peer: devWeb }, true],
  ["namespaceSelector {}: not external IPs", [inFrom([{ namespaceSelector: {} }])], { peer: ip("8.8.8.8") }, false],
  [
    "ns+pod in ONE peer (AND): both match",
    [inFrom([{ namespaceSelector: { matchLabels: { team: "storefront" } }, podSelector: webOnly }])],
    { peer: shopWeb },
    true,
  ],
  [
    "ns+pod in ONE peer (AND): namespace matches, pod does not",
    [inFrom([{ namespaceSelector: { matchLabels: { team: "storefront" } }, podSelector: webOnly }])],
    { peer: shopDb },
    false,
  ],
  [
    "ns+pod in ONE peer (AND): pod matches, namespace does not",
    [inFrom([{ namespaceSelector: { matchLabels: { team: "storefront" } }, podSelector: webOnly }])],
    { peer: devWeb },
    false,
  ],
  [
    "ns and pod as TWO peers (OR): namespace alone is enough",
    [inFrom([{ namespaceSelector: { matchLabels: { team: "storefront" } } }, { podSelector: webOnly }])],
    { peer: shopDb },
    true,
  ],
  [
    "ns and pod as TWO peers (OR): pod peer only in own namespace",
    [inFrom([{ namespaceSelector: { matchLabels: { team: "storefront" } } }, { podSelector: webOnly }])],
    { peer: devWeb },
    false,
  ],
  ["ipBlock: inside the CIDR", [inFrom([{ ipBlock: { cidr: "10.0.0.0/8" } }])], { peer: ip("10.2.3.4") }, true],
  ["ipBlock: outside the CIDR", [inFrom([{ ipBlock: { cidr: "10.0.0.0/8" } }])], { peer: ip("192.168.0.1") }, false],
  [
    "ipBlock: in an except",
    [inFrom([{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } }])],
    { peer: ip("10.1.9.9") },
    false,
  ],
  [
    "ipBlock: beside the except",
    [inFrom([{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } }])],
    { peer: ip("10.2.9.9") },
    true,
  ],
  ["ipBlock does not select pods by label", [inFrom([{ ipBlock: { cidr: "0.0.0.0/0" } }])], { peer: devWeb }, false],
  ["IPv6 ipBlock", [inFrom([{ ipBlock: { cidr: "2001:db8::/32" } }])], { peer: ip("2001:db8::7") }, true],
  ["port: numeric match", [inFrom([{ namespaceSelector: {} }], [{ port: 8080 }])], { peer: devWeb, port: 8080 }, true],
  [
    "port: numeric mismatch",
    [inFrom([{ namespaceSelector: {} }], [{ port: 8080 }])],
    { peer: devWeb, port: 9090 },
    false,
  ],
  [
    "port: protocol defaults to TCP",
    [inFrom([{ namespaceSelector: {} }], [{ port: 8080 }])],
    { peer: devWeb, port: 8080, protocol: "UDP" },
    false,
  ],
  [
    "port: UDP",
    [inFrom([{ namespaceSelector: {} }], [{ port: 53, protocol: "UDP" }])],
    { peer: devWeb, port: 53, protocol: "UDP" },
    true,
  ],
  [
    "port: SCTP",
    [inFrom([{ namespaceSelector: {} }], [{ port: 9000, protocol: "SCTP" }])],
    { peer: devWeb, port: 9000, protocol: "SCTP" },
    true,
  ],
  [
    "port: protocol only = every port of it",
    [inFrom([{ namespaceSelector: {} }], [{ protocol: "UDP" }])],
    { peer: devWeb, port: 1234, protocol: "UDP" },
    true,
  ],
  [
    "endPort: inside the range",
    [inFrom([{ namespaceSelector: {} }], [{ port: 8000, endPort: 8100 }])],
    { peer: devWeb, port: 8100 },
    true,
  ],
  [
    "endPort: past the range",
    [inFrom([{ namespaceSelector: {} }], [{ port: 8000, endPort: 8100 }])],
    { peer: devWeb, port: 8101 },
    false,
  ],
  [
    "named port: resolved on the destination pod",
    [inFrom([{ namespaceSelector: {} }], [{ port: "http" }])],
    { peer: devWeb, port: 8080 },
    true,
  ],
  [
    "named port: other number",
    [inFrom([{ namespaceSelector: {} }], [{ port: "http" }])],
    { peer: devWeb, port: 80 },
    false,
  ],
  [
    "named port: protocol must match the container port",
    [inFrom([{ namespaceSelector: {} }], [{ port: "dns", protocol: "TCP" }])],
    { peer: devWeb, port: 5353 },
    false,
  ],
  [
    "named port: UDP container port",
    [inFrom([{ namespaceSelector: {} }], [{ port: "dns", protocol: "UDP" }])],
    { peer: devWeb, port: 5353, protocol: "UDP" },
    true,
  ],
  [
    "additive: a second policy allows what the first denies",
    [{ podSelector: {}, policyTypes: ["Ingress"] }, inFrom([{ namespaceSelector: {} }])],
    { peer: devWeb },
    true,
  ],
  [
    "additive: rules of either policy",
    [inFrom([{ ipBlock: { cidr: "10.0.0.0/8" } }]), inFrom([{ podSelector: { matchLabels: { role: "client" } } }])],
    { peer: sameNsClient },
    true,
  ],
  [
    "from: [] allows every source",
    [{ podSelector: webOnly, ingress: [{ from: [], ports: [{ port: 8080 }] }] }],
    { peer: ip("1.2.3.4") },
    true,
  ],
  ["invalid peer allows nothing", [inFrom([{}])], { peer: devWeb }, false],
];

describe("NetworkPolicy semantics (ingress to t/web)", () => {
  it.each(cases)("%s", (_, specs, conn, expected) => {
    const policies = specs.map((s, i) => policy(s, "t", `np-${i}`));
    expect(allowed(policies, ingress(conn.pod ?? web, conn.peer, conn.port, conn.protocol))).toBe(expected);
  });

  it("policies of another namespace never select the pod", () => {
    expect(allowed([policy({ podSelector: {} }, "other")], ingress(web, devWeb))).toBe(true);
  });
});

describe("NetworkPolicy semantics (egress from t/web)", () => {
  const dnsPolicy = {
    podSelector: {},
    policyTypes: ["Egress"],
    egress: [
      {
        to: [
          {
            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
            podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
          },
        ],
        ports: [
          { port: 53, protocol: "UDP" },
          { port: 53, protocol: "TCP" },
        ],
      },
    ],
  };
  const kubeDns: PodEndpoint = {
    namespace: "kube-system",
    namespaceLabels: nsLabels("kube-system"),
    podLabels: { "k8s-app": "kube-dns" },
    namedPorts: new Map([["dns", { port: 53, protocol: "UDP" as Protocol }]]),
  };
  const egress = (peer: Endpoint, port: number, protocol?: Protocol): Connection => ({
    pod: web,
    direction: "egress",
    peer,
    port,
    ...(protocol ? { protocol } : {}),
  });

  it.each([
    ["no egress policy: allowed", [], egress(ip("1.1.1.1"), 443), true],
    [
      "ingress-only default deny leaves egress open",
      [{ podSelector: {}, policyTypes: ["Ingress"] }],
      egress(ip("1.1.1.1"), 443),
      true,
    ],
    ["default deny egress", [{ podSelector: {}, policyTypes: ["Egress"] }], egress(ip("1.1.1.1"), 443), false],
    [
      "DNS rule: UDP 53 to kube-dns",
      [{ podSelector: {}, policyTypes: ["Egress"] }, dnsPolicy],
      egress(kubeDns, 53, "UDP"),
      true,
    ],
    ["DNS rule: TCP 53 to kube-dns", [dnsPolicy], egress(kubeDns, 53), true],
    ["DNS rule: not to the internet", [dnsPolicy], egress(ip("8.8.8.8"), 53, "UDP"), false],
    ["DNS rule: not another port", [dnsPolicy], egress(kubeDns, 443), false],
    ["egress: [{}] allows everything", [{ podSelector: {}, egress: [{}] }], egress(ip("1.1.1.1"), 443), true],
    [
      "named port resolved on the destination for egress",
      [{ podSelector: {}, policyTypes: ["Egress"], egress: [{ ports: [{ port: "dns", protocol: "UDP" }] }] }],
      egress(kubeDns, 53, "UDP"),
      true,
    ],
    [
      "named port cannot match an IP destination",
      [{ podSelector: {}, policyTypes: ["Egress"], egress: [{ ports: [{ port: "dns", protocol: "UDP" }] }] }],
      egress(ip("10.0.0.10"), 53, "UDP"),
      false,
    ],
    [
      "ipBlock 0.0.0.0/0 except the cluster range",
      [{ podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8"] } }] }] }],
      egress(ip("10.0.0.1"), 443),
      false,
    ],
  ] as [string, unknown[], Connection, boolean][])("%s", (_, specs, conn, expected) => {
    const policies = specs.map((s, i) => policy(s, "t", `np-${i}`));
    expect(allowed(policies, conn)).toBe(expected);
  });

  it("ignores db: a policy for app=web does not isolate app=db", () => {
    expect(
      allowed([policy({ podSelector: webOnly, policyTypes: ["Egress"] })], {
        ...egress(ip("1.1.1.1"), 1),
        pod: db,
      }),
    ).toBe(true);
  });
});

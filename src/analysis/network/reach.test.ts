// The cluster-wide connectivity answers (reach.ts over traffic.ts), table-driven: each
// case is a small cluster, one query and the connections expected, as the NetworkPolicy
// API reference defines them. The last block checks the answers against the isolation
// facts of the network engine (fast-check).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deploymentRaw, netpolRaw, nsRaw, podRaw } from "../../../test/support/network.js";
import { analyze } from "../../../test/support/store.js";
import type { NetworkModel, ReachConnection, ReachQuery } from "../models.js";

type Json = Record<string, unknown>;

function modelOf(objects: Json[]): NetworkModel {
  return analyze(objects).result.models.get("network") as NetworkModel;
}

/** "from → to ports [policies]" per connection, sorted: the table's expected form. */
function lines(cs: readonly ReachConnection[]): string[] {
  const peer = (p: ReachConnection["from"]) =>
    "cidr" in p ? `${p.cidr}${p.except ? ` except ${p.except.join(",")}` : ""}` : `${p.namespace}/${p.name}`;
  const ports = (c: ReachConnection) =>
    c.ports === "all"
      ? "all"
      : c.ports.map((p) => `${p.protocol}/${p.port}${p.endPort ? `-${p.endPort}` : ""}`).join(",");
  return cs.map((c) => `${peer(c.from)} → ${peer(c.to)} ${ports(c)} [${c.policies.join(",")}]`).sort();
}

const base: Json[] = [
  nsRaw("a", { team: "x" }),
  nsRaw("b", { team: "y" }),
  podRaw("a", "db", { app: "db" }, [
    { name: "pg", containerPort: 5432 },
    { name: "dns", containerPort: 5353, protocol: "UDP" },
  ]),
  podRaw("a", "web", { app: "web" }),
  podRaw("b", "web", { app: "web" }),
];
const dbIngress = (ingress: unknown[]) =>
  netpolRaw("a", "db-in", { podSelector: { matchLabels: { app: "db" } }, policyTypes: ["Ingress"], ingress });

type Case = [name: string, extra: Json[], query: ReachQuery, expected: string[]];

const cases: Case[] = [
  [
    "no policy: everything, no policy named",
    [],
    { to: "a/db", port: { port: 5432, protocol: "TCP" } },
    ["0.0.0.0/0 → a/db TCP/5432 []", "::/0 → a/db TCP/5432 []", "a/web → a/db TCP/5432 []", "b/web → a/db TCP/5432 []"],
  ],
  ["isolated without rules: nothing", [dbIngress([])], { to: "a/db" }, []],
  [
    "podSelector peer alone: own namespace only",
    [dbIngress([{ from: [{ podSelector: { matchLabels: { app: "web" } } }] }])],
    { to: "a/db" },
    ["a/web → a/db all [a/db-in]"],
  ],
  [
    "namespaceSelector AND podSelector in one peer",
    [
      dbIngress([
        { from: [{ namespaceSelector: { matchLabels: { team: "y" } }, podSelector: { matchLabels: { app: "web" } } }] },
      ]),
    ],
    { to: "a/db" },
    ["b/web → a/db all [a/db-in]"],
  ],
  [
    "named port resolved on the destination, with its protocol",
    [dbIngress([{ ports: [{ port: "pg" }, { port: "dns", protocol: "UDP" }, { port: "nope" }] }])],
    { to: "a/db" },
    [
      "0.0.0.0/0 → a/db TCP/5432,UDP/5353 [a/db-in]",
      "::/0 → a/db TCP/5432,UDP/5353 [a/db-in]",
      "a/web → a/db TCP/5432,UDP/5353 [a/db-in]",
      "b/web → a/db TCP/5432,UDP/5353 [a/db-in]",
    ],
  ],
  [
    "named port with the wrong protocol matches nothing",
    [dbIngress([{ ports: [{ port: "dns", protocol: "TCP" }] }])],
    { to: "a/db" },
    [],
  ],
  [
    "endPort range and SCTP, joined per peer",
    [
      dbIngress([
        {
          from: [{ namespaceSelector: {} }],
          ports: [{ port: 8000, endPort: 8100 }, { port: 9000, protocol: "SCTP" }, { port: 8101 }],
        },
      ]),
    ],
    { to: "a/db" },
    ["a/web → a/db TCP/8000-8101,SCTP/9000 [a/db-in]", "b/web → a/db TCP/8000-8101,SCTP/9000 [a/db-in]"],
  ],
  [
    "ipBlock with except is one peer; pods are not selected by it",
    [dbIngress([{ from: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } }], ports: [{ port: 5432 }] }])],
    { to: "a/db" },
    ["10.0.0.0/8 except 10.1.0.0/16 → a/db TCP/5432 [a/db-in]"],
  ],
  [
    "additive: two policies, each named where it allows",
    [
      dbIngress([{ from: [{ podSelector: {} }], ports: [{ port: 5432 }] }]),
      netpolRaw("a", "db-metrics", {
        podSelector: { matchLabels: { app: "db" } },
        ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 9187 }] }],
      }),
    ],
    { to: "a/db" },
    ["a/web → a/db TCP/5432,TCP/9187 [a/db-in,a/db-metrics]", "b/web → a/db TCP/9187 [a/db-metrics]"],
  ],
  [
    "both sides: the source's egress must allow it too",
    [
      dbIngress([{ from: [{ namespaceSelector: {} }] }]),
      netpolRaw("b", "egress", { podSelector: {}, policyTypes: ["Egress"], egress: [{ ports: [{ port: "pg" }] }] }),
    ],
    { to: "a/db" },
    ["a/web → a/db all [a/db-in]", "b/web → a/db TCP/5432 [a/db-in,b/egress]"],
  ],
  [
    "egress to an ipBlock: the block is the destination",
    [
      netpolRaw("b", "egress", {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [{ to: [{ ipBlock: { cidr: "192.168.0.0/16" } }], ports: [{ port: 443 }] }],
      }),
    ],
    { from: "b/web" },
    ["b/web → 192.168.0.0/16 TCP/443 [b/egress]"],
  ],
  [
    "port filter narrows ports and the policies named",
    [
      dbIngress([{ from: [{ podSelector: {} }], ports: [{ port: 5432 }] }]),
      netpolRaw("a", "db-metrics", {
        podSelector: { matchLabels: { app: "db" } },
        ingress: [{ from: [{ podSelector: {} }], ports: [{ port: 9187 }] }],
      }),
    ],
    { to: "a/db", port: { port: 9187, protocol: "TCP" } },
    ["a/web → a/db TCP/9187 [a/db-metrics]"],
  ],
  [
    "hostNetwork source: pod selectors never match it, a peer-less rule does",
    [
      { ...podRaw("b", "agent", { app: "web" }), spec: { hostNetwork: true, containers: [{ name: "a", image: "x" }] } },
      dbIngress([{ from: [{ namespaceSelector: {} }], ports: [{ port: 1 }] }, { ports: [{ port: 2 }] }]),
    ],
    { to: "a/db" },
    [
      "0.0.0.0/0 → a/db TCP/2 [a/db-in]",
      "::/0 → a/db TCP/2 [a/db-in]",
      "a/web → a/db TCP/1-2 [a/db-in]",
      "b/agent → a/db TCP/2 [a/db-in]",
      "b/web → a/db TCP/1-2 [a/db-in]",
    ],
  ],
  [
    "hostNetwork destination: outside policy, open",
    [
      { ...podRaw("a", "agent", { app: "db" }), spec: { hostNetwork: true, containers: [{ name: "a", image: "x" }] } },
      dbIngress([]),
    ],
    { to: "a/agent", port: { port: 22, protocol: "TCP" } },
    [
      "0.0.0.0/0 → a/agent TCP/22 []",
      "::/0 → a/agent TCP/22 []",
      "a/db → a/agent TCP/22 []",
      "a/web → a/agent TCP/22 []",
      "b/web → a/agent TCP/22 []",
    ],
  ],
  [
    "peers are top workloads: a Deployment, not its pods",
    [
      deploymentRaw("b", "api", { app: "api" }),
      {
        ...podRaw("b", "api-1", { app: "api" }),
        metadata: {
          name: "api-1",
          namespace: "b",
          uid: "api-1",
          labels: { app: "api" },
          ownerReferences: [
            { apiVersion: "apps/v1", kind: "Deployment", name: "api", uid: "deploy-b-api", controller: true },
          ],
        },
      },
      dbIngress([
        { from: [{ namespaceSelector: { matchLabels: { team: "y" } }, podSelector: { matchLabels: { app: "api" } } }] },
      ]),
    ],
    { to: "a/db" },
    ["b/api → a/db all [a/db-in]"],
  ],
];

describe("reach: who can reach what (table)", () => {
  it.each(cases)("%s", (_, extra, query, expected) => {
    const answer = modelOf([...base, ...extra]).reach!(query);
    expect(answer.error).toBeUndefined();
    expect(lines(answer.connections)).toEqual(expected);
  });

  it("a query for a controller's pod answers for that pod; names may carry the kind", () => {
    const model = modelOf([...base, deploymentRaw("b", "api", { app: "api" })]);
    expect(model.reach!({ to: "b/Deployment/api" }).error).toBeUndefined();
    expect(model.reach!({ to: "b/deployment/api" }).error).toBeUndefined();
    expect(model.reach!({ to: "a/nothing" }).error).toBe(
      "no workload a/nothing (a Pod or a controller with a pod template)",
    );
    expect(model.reach!({ to: "bad" }).error).toMatch(/expected NAMESPACE\/NAME/);
  });

  it("an ambiguous name asks for the kind", () => {
    const model = modelOf([...base, deploymentRaw("a", "db", { app: "db2" })]);
    expect(model.reach!({ to: "a/db" }).error).toMatch(
      /ambiguous: a\/Pod\/db, a\/Deployment\/db|ambiguous: a\/Deployment\/db, a\/Pod\/db/,
    );
  });

  it("--all lists policy-decided pairs and summarises open ones", () => {
    const model = modelOf([...base, dbIngress([{ from: [{ podSelector: {} }], ports: [{ port: "pg" }] }])]);
    const all = model.reach!({ all: true });
    expect(lines(all.connections)).toEqual(["a/web → a/db TCP/5432 [a/db-in]"]);
    expect(all.open?.ingress.map((p) => ("name" in p ? `${p.namespace}/${p.name}` : p.cidr)).sort()).toEqual([
      "a/web",
      "b/web",
    ]);
    expect(all.open?.egress).toHaveLength(3);
  });
});

describe("connectivity and isolation facts agree (property)", () => {
  const label = fc.constantFrom("a", "b", "c");
  const peer = fc.oneof(
    label.map((l) => ({ podSelector: { matchLabels: { app: l } } })),
    fc.constantFrom("x", "y").map((t) => ({ namespaceSelector: { matchLabels: { team: t } } })),
    fc.tuple(fc.constantFrom("x", "y"), label).map(([t, l]) => ({
      namespaceSelector: { matchLabels: { team: t } },
      podSelector: { matchLabels: { app: l } },
    })),
    fc.constant({ namespaceSelector: {} }),
    fc.constant({ ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } }),
    fc.constant({ ipBlock: { cidr: "0.0.0.0/0" } }),
  );
  const port = fc.constantFrom<Json>(
    { port: 80 },
    { port: "web" },
    { port: 5000, endPort: 6000 },
    { port: 53, protocol: "UDP" },
    { protocol: "SCTP" },
  );
  // A rule never allows everything from everyone: without peers it names ports (never 7/UDP).
  const rule = fc.oneof(
    fc.record({ from: fc.array(peer, { minLength: 1, maxLength: 3 }) }),
    fc.record({
      from: fc.array(peer, { minLength: 1, maxLength: 3 }),
      ports: fc.array(port, { minLength: 1, maxLength: 2 }),
    }),
    fc.record({ ports: fc.array(port, { minLength: 1, maxLength: 2 }) }),
  );
  const policy = fc.record({
    ns: fc.constantFrom("n1", "n2"),
    selector: fc.option(label, { nil: undefined }),
    rules: fc.array(rule, { maxLength: 2 }),
  });
  const pod = fc.record({
    ns: fc.constantFrom("n1", "n2"),
    app: label,
    host: fc.boolean(),
    webPort: fc.constantFrom(80, 8080),
  });
  const PROBES = [
    { port: 80, protocol: "TCP" },
    { port: 8080, protocol: "TCP" },
    { port: 5500, protocol: "TCP" },
    { port: 53, protocol: "UDP" },
    { port: 9, protocol: "SCTP" },
    { port: 7, protocol: "UDP" },
  ] as const;
  const EXTERNAL = ["8.8.8.8", "10.2.0.1", "10.1.0.1", "2001:db8::1"];

  it("a workload is ingress-isolated iff some connection into it is denied; open ones are allowed with no policy", () => {
    fc.assert(
      fc.property(
        fc.array(pod, { minLength: 1, maxLength: 5 }),
        fc.array(policy, { maxLength: 4 }),
        (pods, policies) => {
          const objects: Json[] = [nsRaw("n1", { team: "x" }), nsRaw("n2", { team: "y" })];
          pods.forEach((p, i) => {
            const raw = podRaw(p.ns, `p${i}`, { app: p.app }, [{ name: "web", containerPort: p.webPort }]);
            if (p.host) (raw.spec as Json).hostNetwork = true;
            objects.push(raw);
          });
          for (const [i, p] of policies.entries())
            objects.push(
              netpolRaw(p.ns, `np${i}`, {
                podSelector: p.selector ? { matchLabels: { app: p.selector } } : {},
                policyTypes: ["Ingress"],
                ingress: p.rules,
              }),
            );
          const { result } = analyze(objects);
          const model = result.models.get("network") as NetworkModel;
          for (const [i, p] of pods.entries()) {
            const target = `${p.ns}/p${i}`;
            const facts = result.workloads.find((w) => w.namespace === p.ns && w.name === `p${i}`)!.isolation!;
            let denied = false;
            for (const probe of PROBES) {
              const into = model.reach!({ to: target, port: probe }).connections;
              const fromPods = into.filter((c) => "name" in c.from);
              if (fromPods.length < pods.length - 1) denied = true;
              for (const ip of EXTERNAL) {
                const reached = model.reach!({ from: ip, port: probe }).connections.some(
                  (c) => "name" in c.to && c.to.namespace === p.ns && c.to.name === `p${i}`,
                );
                if (!reached) denied = true;
              }
              for (const c of into) expect(c.policies.length > 0).toBe(facts.ingress);
            }
            expect(denied, `${target} isolated=${facts.ingress}`).toBe(facts.ingress);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

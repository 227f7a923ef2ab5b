import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { netpolRaw, nsRaw, podRaw } from "../../../test/support/network.js";
import { analyze, storeOf } from "../../../test/support/store.js";
import { demoObjects } from "../../cluster/demo/cluster.js";
import { demoSteps } from "../../cluster/demo/script.js";
import { project } from "../../cluster/project.js";
import { Analyzer } from "../analyzer.js";
import type { NetworkModel } from "../models.js";
import { createEngines } from "../registry.js";

describe("network engine on the demo", () => {
  const { result } = analyze(demoObjects());
  const model = result.models.get("network") as NetworkModel;

  it("gives every namespace a segmentation, one in each state", () => {
    const states = Object.fromEntries(result.namespaces.map((n) => [n.name, n.segmentation]));
    expect(states).toMatchObject({ payments: "default-deny", shop: "partial", dev: "none" });
    expect(new Set(Object.values(states))).toEqual(new Set(["none", "partial", "default-deny"]));
    expect(result.namespaces.every((n) => n.segmentation !== undefined)).toBe(true);
  });

  it("gives every workload an isolation", () => {
    expect(result.workloads.length).toBeGreaterThan(0);
    for (const w of result.workloads) expect(w.isolation, `${w.kind}/${w.name}`).toBeDefined();
    const web = result.workloads.find((w) => w.kind === "Deployment" && w.name === "web");
    expect(web?.isolation).toEqual({ ingress: true, egress: false });
  });

  it("reports the demo's allow-all and selects-nothing policies", () => {
    const net = result.findings.filter((f) => f.panel === "network").map((f) => `${f.check} ${f.resource.name}`);
    expect(net).toContain("net.policy-allow-all db-allow-all");
    expect(net).toContain("net.policy-selects-nothing api-from-mobile");
    expect(net).toContain("net.namespace-partial shop");
    expect(net).not.toContain("net.namespace-unsegmented payments");
  });

  it("explains a pod's isolation: which policies and what they allow", () => {
    const info = model.isolationOf("Deployment/payments/api")!;
    expect(info.ingressPolicies.map((p) => p.name).sort()).toEqual(["api-from-shop", "default-deny"]);
    expect(info.egressPolicies.map((p) => p.name).sort()).toEqual(["allow-dns", "default-deny"]);
    expect(info.allows.ingress).toContain(
      "payments/api-from-shop: from pods app=web in namespaces team=storefront [shop, staging] on TCP/https",
    );
    expect(info.allows.ingress).toContain("payments/default-deny: nothing (deny)");
    expect(info.allows.egress).toContain(
      "payments/allow-dns: to pods k8s-app=kube-dns in namespaces kubernetes.io/metadata.name=kube-system [kube-system] on UDP/53, TCP/53",
    );
    const db = model.isolationOf("StatefulSet/shop/db")!;
    expect(db.allows.ingress).toEqual([
      "shop/db-allow-all: from anywhere on all ports",
      "shop/db-from-web: from pods app=web in shop; pods app=nightly-report in namespaces team=storefront [shop, staging] on TCP/postgres",
    ]);
    expect(db.allows.egress).toEqual(["everything (no policy selects it)"]);
    expect(model.isolationOf("Deployment/nowhere/x")).toBeUndefined();
    expect(model.segmentationOf("payments")).toBe("default-deny");
    expect(model.segmentationOf("nowhere")).toBeUndefined();
  });

  it("follows the demo script: payments turns partial while its default-deny is gone", () => {
    const store = storeOf(demoObjects());
    const analyzer = new Analyzer(store, createEngines());
    const seg = () => analyzer.run().namespaces.find((n) => n.name === "payments")?.segmentation;
    expect(seg()).toBe("default-deny");
    for (const step of demoSteps().filter((s) => s.object.kind === "NetworkPolicy")) {
      const object = project(step.object)!;
      store.apply([{ type: step.type, object }]);
      expect(seg()).toBe(step.type === "deleted" ? "partial" : "default-deny");
    }
  });
});

describe("network engine, incrementally", () => {
  it("recomputes only namespaces whose objects changed, and sees the change", () => {
    const store = storeOf([nsRaw("a"), nsRaw("b"), podRaw("a", "p"), podRaw("b", "q")]);
    const analyzer = new Analyzer(store, createEngines());
    const first = analyzer.run();
    expect(first.namespaces.map((n) => n.segmentation)).toEqual(["none", "none"]);
    store.apply([
      {
        type: "added",
        object: project(netpolRaw("b", "deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }))!,
      },
    ]);
    const second = analyzer.run();
    expect(second.namespaces.map((n) => n.segmentation)).toEqual(["none", "default-deny"]);
    const aFinding = (r: typeof first) => r.findings.find((f) => f.resource.name === "a" && f.panel === "network");
    // Namespace a was not recomputed: the very same finding object comes back.
    expect(aFinding(second)).toBe(aFinding(first));
  });
});

// Random policies and pods: the engine never throws and adding a policy never
// makes a pod less isolated (policies only ever add isolation).
const labelArb = fc.dictionary(fc.constantFrom("app", "tier", "env"), fc.constantFrom("web", "db", "x"), {
  maxKeys: 2,
});
const selectorArb = fc.oneof(
  fc.constant({}),
  fc.record({ matchLabels: labelArb }),
  fc.record({
    matchExpressions: fc.array(
      fc.record({
        key: fc.constantFrom("app", "tier", "env"),
        operator: fc.constantFrom("In", "NotIn", "Exists", "DoesNotExist", "Bogus"),
        values: fc.array(fc.constantFrom("web", "db", "x"), { maxLength: 2 }),
      }),
      { maxLength: 2 },
    ),
  }),
  fc.anything(),
);
const peerArb = fc.oneof(
  fc.record({ podSelector: selectorArb }, { requiredKeys: [] }),
  fc.record({ namespaceSelector: selectorArb, podSelector: selectorArb }, { requiredKeys: [] }),
  fc.record({
    ipBlock: fc.record({
      cidr: fc.constantFrom("0.0.0.0/0", "10.0.0.0/8", "::/0", "bad"),
      except: fc.array(fc.constantFrom("10.1.0.0/16", "x")),
    }),
  }),
  fc.anything(),
);
const ruleArb = fc.record(
  {
    from: fc.array(peerArb, { maxLength: 2 }),
    to: fc.array(peerArb, { maxLength: 2 }),
    ports: fc.array(
      fc.record(
        {
          port: fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.constantFrom("http", "dns")),
          protocol: fc.constantFrom("TCP", "UDP", "SCTP", "ICMP"),
          endPort: fc.integer({ min: 1, max: 65535 }),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: [] },
);
const specArb = fc.oneof(
  fc.record(
    {
      podSelector: selectorArb,
      policyTypes: fc.subarray(["Ingress", "Egress", "Other"]),
      ingress: fc.array(ruleArb, { maxLength: 2 }),
      egress: fc.array(ruleArb, { maxLength: 2 }),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
);
const podsArb = fc.array(labelArb, { minLength: 1, maxLength: 4 });

describe("network engine properties", () => {
  it("never throws, and adding a policy never makes a workload less isolated", () => {
    fc.assert(
      fc.property(podsArb, fc.array(specArb, { maxLength: 3 }), specArb, (pods, specs, extra) => {
        const base = [
          ...pods.map((l, i) => podRaw("t", `p${i}`, l)),
          ...specs.map((s, i) => netpolRaw("t", `np${i}`, s)),
        ];
        const before = analyze(base).result;
        const after = analyze([...base, netpolRaw("t", "extra", extra)]).result;
        for (const w of before.workloads) {
          const a = after.workloads.find((x) => x.name === w.name)!;
          // The analyzer swallows engine errors; a missing fact is how a throw would show.
          expect(w.isolation).toBeDefined();
          expect(a.isolation).toBeDefined();
          if (w.isolation?.ingress) expect(a.isolation?.ingress).toBe(true);
          if (w.isolation?.egress) expect(a.isolation?.egress).toBe(true);
        }
        const rank = { none: 0, partial: 1, "default-deny": 2, unknown: -1 } as const;
        const seg = (r: typeof before) => rank[r.namespaces.find((n) => n.name === "t")!.segmentation!];
        expect(seg(after)).toBeGreaterThanOrEqual(seg(before));
      }),
      { numRuns: 150 },
    );
  });
});

import { describe, expect, it } from "vitest";
import { policy } from "../../../test/support/network.js";
import { matches } from "./selectors.js";

const egressRule = [{ to: [{ ipBlock: { cidr: "10.0.0.0/8" } }] }];

describe("NetworkPolicy parsing", () => {
  it.each([
    ["policyTypes absent, no rules: ingress only", { podSelector: {} }, { ingress: true, egress: false }],
    [
      "policyTypes absent, ingress rules: ingress only",
      { podSelector: {}, ingress: [{}] },
      { ingress: true, egress: false },
    ],
    [
      "policyTypes absent, egress rules: both",
      { podSelector: {}, egress: egressRule },
      { ingress: true, egress: true },
    ],
    [
      "policyTypes absent, empty egress list: ingress only",
      { podSelector: {}, egress: [] },
      { ingress: true, egress: false },
    ],
    [
      "policyTypes empty list: defaulted like absent",
      { podSelector: {}, policyTypes: [], egress: egressRule },
      { ingress: true, egress: true },
    ],
    [
      "policyTypes [Egress]: egress only",
      { podSelector: {}, policyTypes: ["Egress"] },
      { ingress: false, egress: true },
    ],
    [
      "policyTypes [Ingress, Egress]",
      { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
      { ingress: true, egress: true },
    ],
    [
      "policyTypes [Ingress] with egress rules: egress ignored",
      { podSelector: {}, policyTypes: ["Ingress"], egress: egressRule },
      { ingress: true, egress: false },
    ],
  ])("%s", (_, spec, types) => {
    expect(policy(spec).types).toEqual(types);
  });

  it("ignores rules of a direction not in policyTypes", () => {
    const p = policy({ podSelector: {}, policyTypes: ["Egress"], ingress: [{}], egress: egressRule });
    expect(p.rules.ingress).toEqual([]);
    expect(p.rules.egress).toHaveLength(1);
  });

  it.each([
    ["empty podSelector selects every pod", {}, { any: "x" }, true],
    ["absent podSelector selects every pod", undefined, {}, true],
    ["matchLabels podSelector", { matchLabels: { app: "web" } }, { app: "web" }, true],
    ["matchLabels podSelector, other pod", { matchLabels: { app: "web" } }, { app: "db" }, false],
    ["podSelector of the wrong type selects nothing", "app=web", { app: "web" }, false],
  ])("%s", (_, podSelector, labels, expected) => {
    expect(matches(policy({ podSelector }).podSelector, labels)).toBe(expected);
  });

  it("reads peers, ports and defaults, and never throws on junk", () => {
    const p = policy({
      podSelector: {},
      ingress: [
        {
          from: [
            { namespaceSelector: {} },
            { podSelector: {} },
            { ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } },
            {},
          ],
          ports: [
            { port: 80 },
            { protocol: "UDP", port: 53 },
            { port: "http" },
            { port: 8000, endPort: 8100 },
            { protocol: "ICMP" },
          ],
        },
        "junk",
      ],
    });
    const rule = p.rules.ingress[0]!;
    expect(rule.peers?.map((x) => x.kind)).toEqual(["pods", "pods", "ipBlock", "invalid"]);
    expect(rule.ports).toEqual([
      { protocol: "TCP", port: 80 },
      { protocol: "UDP", port: 53 },
      { protocol: "TCP", port: "http" },
      { protocol: "TCP", port: 8000, endPort: 8100 },
    ]);
    expect(p.rules.ingress[1]).toEqual({ peers: [], ports: [], index: 1 });
    for (const junk of [null, 1, "x", [], { podSelector: null, ingress: "x", egress: [null], policyTypes: "Ingress" }])
      expect(() => policy(junk)).not.toThrow();
  });
});

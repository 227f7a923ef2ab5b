import { describe, expect, it } from "vitest";
import { netpolRaw, podRaw } from "../../../test/support/network.js";
import { analyze } from "../../../test/support/store.js";

const check = "net.policy-allow-all";
const found = (spec: unknown) =>
  analyze([podRaw("t", "a", { app: "a" }), netpolRaw("t", "np", spec)]).result.findings.filter(
    (f) => f.check === check,
  );

describe(check, () => {
  it.each([
    ["ingress: [{}]", { podSelector: {}, ingress: [{}] }, "spec.ingress[0]", "medium"],
    ["from: [] and no ports", { podSelector: {}, ingress: [{ from: [] }] }, "spec.ingress[0]", "medium"],
    ["egress: [{}]", { podSelector: {}, policyTypes: ["Egress"], egress: [{}] }, "spec.egress[0]", "low"],
    [
      "0.0.0.0/0 without except",
      { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }] },
      "spec.ingress[0]",
      "medium",
    ],
    [
      "::/0 without except, second rule",
      { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }, { from: [{ ipBlock: { cidr: "::/0" } }] }] },
      "spec.ingress[1]",
      "medium",
    ],
    [
      "namespaceSelector {} with no ports",
      { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] },
      "spec.ingress[0]",
      "medium",
    ],
    [
      "namespaceSelector {} + podSelector {} with no ports",
      { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {}, podSelector: {} }] }] },
      "spec.ingress[0]",
      "medium",
    ],
  ])("flags %s", (_, spec, path, severity) => {
    const f = found(spec);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ path, severity, resource: { kind: "NetworkPolicy", name: "np" } });
  });

  it.each([
    ["a default deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }],
    ["a rule limited to ports", { podSelector: {}, ingress: [{ ports: [{ port: 443 }] }] }],
    [
      "0.0.0.0/0 with an except",
      { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8"] } }] }] },
    ],
    ["all pods of the own namespace", { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] }],
    [
      "namespaceSelector {} narrowed by a podSelector",
      { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { a: "b" } } }] }] },
    ],
    [
      "egress: [{}] in a policy that is not an egress policy",
      { podSelector: {}, policyTypes: ["Ingress"], egress: [{}] },
    ],
  ])("passes %s", (_, spec) => {
    expect(found(spec)).toEqual([]);
  });

  it("reports each direction once", () => {
    const f = found({ podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress: [{}, {}], egress: [{}] });
    expect(f.map((x) => x.path).sort()).toEqual(["spec.egress[0]", "spec.ingress[0]"]);
  });
});

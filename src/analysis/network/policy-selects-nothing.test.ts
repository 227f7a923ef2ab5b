import { describe, expect, it } from "vitest";
import { deploymentRaw, netpolRaw, podRaw } from "../../../test/support/network.js";
import { analyze } from "../../../test/support/store.js";

const check = "net.policy-selects-nothing";
const workloads = [
  podRaw("t", "a", { app: "a" }),
  deploymentRaw("t", "b", { app: "b" }),
  podRaw("other", "c", { app: "c" }),
];
const found = (podSelector: unknown) =>
  analyze([...workloads, netpolRaw("t", "np", { podSelector })]).result.findings.filter((f) => f.check === check);

describe(check, () => {
  it.each([
    ["a label no pod has", { matchLabels: { app: "api" } }],
    ["a label only a pod of another namespace has", { matchLabels: { app: "c" } }],
    ["an expression nothing satisfies", { matchExpressions: [{ key: "app", operator: "NotIn", values: ["a", "b"] }] }],
    ["an invalid selector", { matchExpressions: [{ key: "app", operator: "Like", values: ["a"] }] }],
  ])("flags %s", (_, sel) => {
    const f = found(sel);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: "low", path: "spec.podSelector", resource: { name: "np" } });
  });

  it.each([
    ["a pod's label", { matchLabels: { app: "a" } }],
    ["a Deployment template's label (scaled to zero still counts)", { matchLabels: { app: "b" } }],
    ["the empty selector", {}],
  ])("passes %s", (_, sel) => {
    expect(found(sel)).toEqual([]);
  });
});

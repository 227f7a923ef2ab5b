import { describe, expect, it } from "vitest";
import { deploymentRaw, netpolRaw, nsRaw, podRaw } from "../../../test/support/network.js";
import { roundTrip } from "../../../test/support/roundtrip.js";
import { analyze } from "../../../test/support/store.js";
import { planFixes } from "../../patch/plan.js";
import { renderPatch } from "../../patch/render.js";
import { checkCatalog } from "../registry.js";

const check = "net.namespace-unsegmented";
const found = (raws: unknown[]) => analyze(raws).result.findings.filter((f) => f.check === check);

describe(check, () => {
  it.each([
    ["a namespace with workloads", [nsRaw("shop"), deploymentRaw("shop", "web", { app: "web" })], "shop", "high"],
    ["a namespace known only from its pods (files)", [podRaw("shop", "web", { app: "web" })], "shop", "high"],
    ["an empty namespace", [nsRaw("empty")], "empty", "low"],
    [
      "kube-system, lower",
      [nsRaw("kube-system"), podRaw("kube-system", "coredns", { "k8s-app": "kube-dns" })],
      "kube-system",
      "medium",
    ],
  ])("flags %s", (_, raws, ns, severity) => {
    const f = found(raws);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ resource: { kind: "Namespace", name: ns }, severity, panel: "network" });
  });

  it.each([
    [
      "a namespace with a default deny",
      [podRaw("t", "a"), netpolRaw("t", "d", { podSelector: {}, policyTypes: ["Ingress", "Egress"] })],
    ],
    [
      "a namespace with any policy (that is partial, not unsegmented)",
      [podRaw("t", "a"), netpolRaw("t", "d", { podSelector: { matchLabels: { x: "y" } } })],
    ],
  ])("passes %s", (_, raws) => {
    expect(found(raws)).toEqual([]);
  });

  it("names the managed workloads, not their ReplicaSets or pods", () => {
    const raws = [
      deploymentRaw("shop", "web", { app: "web" }),
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: {
          name: "web-x",
          namespace: "shop",
          uid: "p1",
          labels: { app: "web" },
          ownerReferences: [{ kind: "Deployment", name: "web", uid: "deploy-shop-web", controller: true }],
        },
        spec: { containers: [{ name: "a", image: "a:1" }] },
      },
    ];
    expect(found(raws)[0]!.message).toMatch(/1 workload\(s\).*Deployment web$/);
  });

  it("does not offer a fix for system namespaces", () => {
    expect(found([podRaw("kube-system", "x")])[0]!.fix).toBeUndefined();
  });

  it("writes a default-deny plus DNS egress in one manifest file that lists what loses traffic", () => {
    const raws = [nsRaw("shop"), deploymentRaw("shop", "web", { app: "web" })];
    const { store, result } = analyze(raws);
    const plans = planFixes(
      result.findings.filter((f) => f.check === check),
      store,
      checkCatalog(),
      result.models,
    );
    expect(plans).toHaveLength(1);
    expect(plans[0]!.target).toEqual({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      namespace: "shop",
      name: "default-deny",
    });
    expect(plans[0]!.body).toMatchObject({ spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } });
    expect(plans[0]!.extraManifests).toHaveLength(1);
    expect(plans[0]!.extraManifests[0]).toMatchObject({
      metadata: { name: "allow-dns-egress", namespace: "shop" },
      spec: { policyTypes: ["Egress"] },
    });
    const rendered = renderPatch(plans[0]!, "out");
    expect(rendered.commands).toEqual(["kubectl apply -f out/networkpolicy_shop_default-deny.manifest.yaml"]);
    expect(rendered.yaml.split("\n---\n")).toHaveLength(2);
    expect(rendered.yaml).toMatch(/# May break:\n# {3}- ingress to Deployment web stops/);
    expect(rendered.yaml).toMatch(/egress from Deployment web stops except DNS/);
  });

  it("does not overwrite an existing policy that has the name", () => {
    const raws = [
      podRaw("t", "a", { app: "a" }),
      netpolRaw("t", "default-deny", { podSelector: { matchLabels: { app: "zzz" } } }),
    ];
    const f = analyze(raws).result.findings.find((x) => x.check === "net.namespace-partial")!;
    expect(f.fix?.target.name).toBe("kubeward-default-deny");
  });

  it("applying the fix turns the namespace to default-deny and clears the finding", () => {
    const raws = [
      nsRaw("shop"),
      nsRaw("kube-system"),
      deploymentRaw("shop", "web", { app: "web" }),
      podRaw("shop", "bare"),
    ];
    const rt = roundTrip(raws, [check]);
    expect(rt.before.namespaces.find((n) => n.name === "shop")?.segmentation).toBe("none");
    expect(rt.after.namespaces.find((n) => n.name === "shop")?.segmentation).toBe("default-deny");
    expect(rt.after.workloads.filter((w) => w.namespace === "shop").map((w) => w.isolation)).toEqual([
      { ingress: true, egress: true },
      { ingress: true, egress: true },
    ]);
    // kube-system is reported but never auto-fixed.
    expect(rt.remaining.map((f) => f.resource.name)).toEqual(["kube-system"]);
    expect(rt.introduced).toEqual([]);
  });
});

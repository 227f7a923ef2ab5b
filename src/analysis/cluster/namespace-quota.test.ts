import { describe, expect, it } from "vitest";
import { analyze } from "../../../test/support/store.js";
import { planFixes } from "../../patch/plan.js";
import { checkCatalog } from "../registry.js";
import { parseQuantity } from "./quantity.js";

const deploy = (ns: string, name: string, replicas: number, requests?: Record<string, string>) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace: ns, uid: `uid-${ns}-${name}` },
  spec: {
    replicas,
    template: {
      spec: { containers: [{ name: "app", image: "x:1", ...(requests ? { resources: { requests } } : {}) }] },
    },
  },
});
const quota = (ns: string) => ({
  apiVersion: "v1",
  kind: "ResourceQuota",
  metadata: { name: "q", namespace: ns },
  spec: { hard: { pods: "5" } },
});
const limits = (ns: string) => ({
  apiVersion: "v1",
  kind: "LimitRange",
  metadata: { name: "l", namespace: ns },
  spec: { limits: [] },
});
const ns = (name: string) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } });

describe("cluster.namespace-no-quota", () => {
  it("reports namespaces running workloads without quota or limits; not empty or system ones", () => {
    const { result } = analyze([
      ns("shop"),
      ns("guarded"),
      ns("half"),
      ns("empty"),
      ns("kube-system"),
      deploy("shop", "web", 3, { cpu: "250m", memory: "256Mi" }),
      deploy("guarded", "api", 1),
      quota("guarded"),
      limits("guarded"),
      deploy("half", "api", 1),
      quota("half"),
      deploy("kube-system", "coredns", 2),
    ]);
    const fs = result.findings.filter((f) => f.check === "cluster.namespace-no-quota");
    expect(fs.map((f) => [f.resource.name, f.severity, f.fix?.target.kind])).toEqual([
      ["half", "low", "LimitRange"],
      ["shop", "low", "ResourceQuota"],
    ]);
    expect(fs.find((f) => f.resource.name === "half")!.message).toContain("with no LimitRange");
    expect(fs.find((f) => f.resource.name === "shop")!.message).toContain("no ResourceQuota and no LimitRange");
  });

  it("writes a quota and limit range sized from the workloads' own requests", () => {
    const { store, result } = analyze([ns("shop"), deploy("shop", "web", 3, { cpu: "250m", memory: "256Mi" })]);
    const f = result.findings.find((x) => x.check === "cluster.namespace-no-quota")!;
    const [plan] = planFixes([f], store, checkCatalog(), result.models);
    expect(plan!.type).toBe("manifest");
    type M = { kind: string; spec: { hard?: unknown; limits?: { defaultRequest?: unknown }[] } };
    const q = plan!.body as unknown as M;
    const l = plan!.extraManifests[0] as unknown as M;
    // 3 × 250m = 750m and 3 × 256Mi = 768Mi requested today: twice that.
    expect(q!.kind).toBe("ResourceQuota");
    expect(q!.spec.hard).toEqual({
      pods: "10",
      "requests.cpu": "1500m",
      "requests.memory": "1536Mi",
      "limits.cpu": "3",
      "limits.memory": "3Gi",
    });
    expect(l!.kind).toBe("LimitRange");
    expect(l!.spec.limits![0]!.defaultRequest).toEqual({ cpu: "250m", memory: "256Mi" });
    expect(plan!.explains.join(" ")).toContain("750m CPU and 768Mi memory requested");
  });

  it("parses quantities", () => {
    expect(parseQuantity("250m")).toBe(0.25);
    expect(parseQuantity("1.5")).toBe(1.5);
    expect(parseQuantity("128Mi")).toBe(128 * 2 ** 20);
    expect(parseQuantity("1G")).toBe(1e9);
    expect(parseQuantity("lots")).toBeUndefined();
    expect(parseQuantity({})).toBeUndefined();
  });
});

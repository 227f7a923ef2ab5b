import { describe, expect, it } from "vitest";
import { project } from "../../src/cluster/project.js";
import { namespaceCount, syntheticCluster } from "../bench/generate.js";

describe("synthetic cluster generator", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    const a = JSON.stringify([...syntheticCluster({ pods: 200, seed: 1 })]);
    expect(JSON.stringify([...syntheticCluster({ pods: 200, seed: 1 })])).toBe(a);
    expect(JSON.stringify([...syntheticCluster({ pods: 200, seed: 2 })])).not.toBe(a);
  });

  it("yields exactly the requested pods across the namespaces, every object projectable", () => {
    const objects = [...syntheticCluster({ pods: 1234 })];
    const count = (kind: string) => objects.filter((o) => o.kind === kind).length;
    expect(count("Pod")).toBe(1234);
    expect(count("Namespace")).toBe(namespaceCount(1234));
    for (const kind of [
      "Deployment",
      "ReplicaSet",
      "StatefulSet",
      "DaemonSet",
      "CronJob",
      "Job",
      "Role",
      "RoleBinding",
      "ServiceAccount",
      "NetworkPolicy",
      "Secret",
      "ConfigMap",
    ])
      expect(count(kind), kind).toBeGreaterThan(0);
    for (const o of objects) expect(project(o), String(o.kind)).toBeDefined();
  });

  it("caps namespaces at 10,000", () => {
    expect(namespaceCount(150_000)).toBe(10_000);
  });
});

import { describe, expect, it } from "vitest";
import { LAST_APPLIED, ProjectionError, project } from "./project.js";

describe("project", () => {
  it("drops Secret values and keeps only key names", () => {
    const obj = project({
      apiVersion: "v1",
      kind: "Secret",
      type: "Opaque",
      metadata: {
        name: "s",
        namespace: "n",
        annotations: {
          [LAST_APPLIED]: '{"kind":"Secret","data":{"password":"aHVudGVyMg=="}}',
          team: "a",
        },
      },
      data: { password: "aHVudGVyMg==" },
      stringData: { extra: "plain" },
    });
    expect(obj?.dataKeys).toEqual(["extra", "password"]);
    expect(obj?.lastAppliedDataKeys).toEqual(["password"]);
    expect(obj?.metadata.annotations).toEqual({ team: "a" });
    const text = JSON.stringify(obj);
    expect(text).not.toContain("aHVudGVyMg==");
    expect(text).not.toContain("plain");
  });

  it("takes the kind from the hint for PartialObjectMetadata", () => {
    const obj = project(
      {
        apiVersion: "meta.k8s.io/v1",
        kind: "PartialObjectMetadata",
        metadata: { name: "s", namespace: "n", uid: "u1" },
      },
      "Secret",
    );
    expect(obj).toMatchObject({ apiVersion: "v1", kind: "Secret", metadata: { uid: "u1" } });
  });

  it("cuts managedFields, status noise and last-applied from workloads", () => {
    const obj = project({
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "p",
        managedFields: [{ manager: "x" }],
        annotations: { [LAST_APPLIED]: "{}" },
      },
      spec: { containers: [] },
      status: { phase: "Running", conditions: [{ type: "Ready" }] },
    });
    expect(obj).toEqual({
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "p",
        uid: "local:Pod//p",
        labels: {},
        annotations: {},
        ownerReferences: [],
      },
      spec: { containers: [] },
      status: { phase: "Running" },
    });
  });

  it("ignores unknown kinds and rejects objects without a name", () => {
    expect(project({ kind: "Widget", metadata: { name: "w" } })).toBeUndefined();
    expect(() => project({ kind: "Pod", metadata: {} })).toThrow(ProjectionError);
    expect(() => project("text")).toThrow(ProjectionError);
  });

  it("keeps only string labels and well-formed owner references", () => {
    const obj = project({
      kind: "Pod",
      metadata: {
        name: "p",
        labels: { a: "1", b: 2 },
        ownerReferences: [{ kind: "ReplicaSet", name: "rs", uid: "u", controller: true }, "junk"],
      },
    });
    expect(obj?.metadata.labels).toEqual({ a: "1" });
    expect(obj?.metadata.ownerReferences).toEqual([
      { apiVersion: "", kind: "ReplicaSet", name: "rs", uid: "u", controller: true },
    ]);
  });
});

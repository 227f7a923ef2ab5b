import { describe, expect, it } from "vitest";
import { storeOf } from "../../test/support/store.js";
import { project } from "../cluster/project.js";

const rs = {
  apiVersion: "apps/v1",
  kind: "ReplicaSet",
  metadata: { name: "rs", namespace: "a", uid: "rs1" },
  spec: {},
};
const pod = (name: string, sa?: string) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: {
    name,
    namespace: "a",
    uid: `u-${name}`,
    ownerReferences: [{ kind: "ReplicaSet", name: "rs", uid: "rs1", controller: true }],
  },
  spec: { serviceAccountName: sa, containers: [] },
});

describe("store", () => {
  it("indexes by namespace, owner and service account", () => {
    const store = storeOf([rs, pod("p1", "web"), pod("p2")]);
    expect(
      store
        .inNamespace("Pod", "a")
        .map((p) => p.metadata.name)
        .sort(),
    ).toEqual(["p1", "p2"]);
    expect(store.ownedBy("rs1")).toHaveLength(2);
    expect(store.usingServiceAccount("a", "web").map((p) => p.metadata.name)).toEqual(["p1"]);
    expect(store.usingServiceAccount("a", "default").map((p) => p.metadata.name)).toEqual(["p2"]);
    expect(store.getByName("ReplicaSet", "a", "rs")?.metadata.uid).toBe("rs1");
  });

  it("updates indexes on modify and delete, and notifies once per batch", () => {
    const store = storeOf([pod("p1", "web")]);
    const batches: number[] = [];
    store.subscribe((c) => batches.push(c.length));
    const moved = project(pod("p1", "api"))!;
    const changes = store.apply([
      { type: "modified", object: moved },
      { type: "synced", kind: "Pod" },
    ]);
    expect(changes[0]!.type).toBe("modified");
    expect(store.usingServiceAccount("a", "web")).toEqual([]);
    expect(store.usingServiceAccount("a", "api")).toHaveLength(1);
    store.apply([{ type: "deleted", object: moved }]);
    expect(store.count("Pod")).toBe(0);
    expect(store.ownedBy("rs1")).toEqual([]);
    expect(batches).toEqual([1, 1]);
    expect(store.kindStatus("Pod")?.synced).toBe(true);
  });

  it("bumps a namespace's and a kind's version when one of its objects changes, and no other", () => {
    const store = storeOf([rs, pod("p1")]);
    const ns = (n: string) => store.namespaceVersion(n);
    const before = { a: ns("a"), b: ns("b"), pods: store.kindVersion("Pod"), rs: store.kindVersion("ReplicaSet") };
    store.apply([{ type: "modified", object: project({ ...pod("p1"), spec: { containers: [{ name: "x" }] } })! }]);
    expect([
      ns("a") > before.a,
      ns("b"),
      store.kindVersion("Pod") > before.pods,
      store.kindVersion("ReplicaSet"),
    ]).toEqual([true, before.b, true, before.rs]);
    const a = ns("a");
    // A Namespace object counts for the namespace it names (and for objects without one).
    store.apply([
      { type: "added", object: project({ apiVersion: "v1", kind: "Namespace", metadata: { name: "b", uid: "nb" } })! },
    ]);
    expect([ns("a"), ns("b") > before.b]).toEqual([a, true]);
    const b = ns("b");
    store.apply([{ type: "deleted", object: store.getByName("Pod", "a", "p1")! }]);
    expect([ns("a") > a, ns("b")]).toEqual([true, b]);
  });

  it("lists namespaces as they come and go", () => {
    const store = storeOf([rs]);
    expect(store.namespaces()).toEqual(["a"]);
    store.apply([
      { type: "added", object: project({ ...pod("p1"), metadata: { ...pod("p1").metadata, namespace: "c" } })! },
    ]);
    expect(store.namespaces()).toEqual(["a", "c"]);
    store.namespaces().push("mutated by a caller");
    store.apply([{ type: "deleted", object: store.getByName("ReplicaSet", "a", "rs")! }]);
    expect(store.namespaces()).toEqual(["c"]);
    store.apply([
      { type: "added", object: project({ apiVersion: "v1", kind: "Namespace", metadata: { name: "z", uid: "nz" } })! },
    ]);
    expect(store.namespaces()).toEqual(["c", "z"]);
  });
});

// The detail view's network entries on the demo: a NetworkPolicy explained in words with
// the workloads it selects, and a workload's network line opening `:reach` for it.
import { describe, expect, it } from "vitest";
import { analyze } from "../../test/support/store.js";
import { demoObjects } from "../cluster/demo/cluster.js";
import { relatedOf } from "./related.js";

describe("related: network", () => {
  const { store, result } = analyze(demoObjects());

  it("explains a NetworkPolicy: what it applies to, what each rule allows, which workloads it selects", () => {
    const policy = store.getByName("NetworkPolicy", "shop", "db-from-web");
    const lines = relatedOf(policy, store, result.models).filter((e) => e.section === "network");
    expect(lines.map((e) => e.text)).toEqual([
      "applies to pods app=db in shop; isolates ingress",
      "ingress: allows from pods app=web in shop; pods app=nightly-report in namespaces team=storefront [shop, staging] on TCP/postgres",
      "selects StatefulSet shop/db (ingress)",
    ]);
    expect(lines[2]?.ref).toMatchObject({ kind: "StatefulSet", namespace: "shop", name: "db" });
    const deny = relatedOf(store.getByName("NetworkPolicy", "payments", "default-deny"), store, result.models);
    expect(deny.map((e) => e.text)).toContain(
      "ingress: allows nothing (denies all ingress not allowed by another policy)",
    );
    const none = relatedOf(store.getByName("NetworkPolicy", "shop", "api-from-mobile"), store, result.models);
    expect(none.map((e) => e.text)).toContain("selects no workload");
  });

  it("a pod's network line opens :reach for it, and says when it uses hostNetwork", () => {
    const db = relatedOf(store.getByName("Pod", "shop", "db-0"), store, result.models).find(
      (e) => e.section === "network" && e.reach,
    );
    expect(db?.reach).toBe("shop/Pod/db-0");
    expect(db?.text).toMatch(/^ingress isolated · egress open — Enter: who can reach it/);
    const proxy = store.list("Pod").find((p) => p.metadata.namespace === "kube-system" && p.spec?.hostNetwork === true);
    const line = relatedOf(proxy, store, result.models).find((e) => e.section === "network" && e.reach);
    expect(line?.text).toMatch(/hostNetwork: outside NetworkPolicy/);
  });
});

import { describe, expect, it } from "vitest";
import { deploymentRaw, netpolRaw, podRaw } from "../../../test/support/network.js";
import { roundTrip } from "../../../test/support/roundtrip.js";
import { analyze } from "../../../test/support/store.js";
import { demoObjects } from "../../cluster/demo/cluster.js";

const check = "net.namespace-partial";
const found = (raws: unknown[]) => analyze(raws).result.findings.filter((f) => f.check === check);

const web = deploymentRaw("t", "web", { app: "web" });
const db = deploymentRaw("t", "db", { app: "db" });
const webIngress = netpolRaw("t", "web-in", { podSelector: { matchLabels: { app: "web" } }, ingress: [{}] });
const webBoth = netpolRaw("t", "web-both", {
  podSelector: { matchLabels: { app: "web" } },
  policyTypes: ["Ingress", "Egress"],
});
const dbBoth = netpolRaw("t", "db-both", {
  podSelector: { matchLabels: { app: "db" } },
  policyTypes: ["Ingress", "Egress"],
});
const denyAll = netpolRaw("t", "deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] });

describe(check, () => {
  it.each([
    [
      "a workload selected by nothing",
      [web, db, webBoth],
      "medium",
      /not isolated for ingress: Deployment db; not isolated for egress: Deployment db/,
    ],
    ["a workload isolated for ingress only", [web, webIngress], "medium", /not isolated for egress: Deployment web$/],
    [
      "every workload isolated but no catch-all",
      [web, db, webBoth, dbBoth],
      "low",
      /no policy with an empty podSelector isolates ingress and egress for new pods/,
    ],
    [
      "kube-system, lower",
      [
        podRaw("kube-system", "x", { a: "b" }),
        netpolRaw("kube-system", "p", { podSelector: { matchLabels: { a: "c" } } }),
      ],
      "low",
      /not isolated/,
    ],
  ])("flags %s", (_, raws, severity, message) => {
    const f = found(raws);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe(severity);
    expect(f[0]!.message).toMatch(message);
  });

  it.each([
    ["a default deny", [web, db, denyAll, webBoth]],
    ["no policy at all (that is unsegmented)", [web, db]],
  ])("passes %s", (_, raws) => {
    expect(found(raws)).toEqual([]);
  });

  it("applying the fix keeps existing allows and turns the namespace to default-deny", () => {
    const rt = roundTrip([web, db, webIngress], [check]);
    expect(rt.after.namespaces.find((n) => n.name === "t")?.segmentation).toBe("default-deny");
    expect(rt.remaining).toEqual([]);
    expect(rt.introduced).toEqual([]);
  });

  it("fixes the demo's shop namespace", () => {
    const rt = roundTrip(demoObjects(), [check]);
    expect(rt.before.namespaces.find((n) => n.name === "shop")?.segmentation).toBe("partial");
    expect(rt.after.namespaces.find((n) => n.name === "shop")?.segmentation).toBe("default-deny");
    expect(rt.remaining).toEqual([]);
  });
});

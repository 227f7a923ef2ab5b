import { describe, expect, it } from "vitest";
import { deploymentRaw, netpolRaw, podRaw } from "../../../test/support/network.js";
import { storeOf } from "../../../test/support/store.js";
import { namespaceNetwork } from "./collect.js";

const web = podRaw("t", "web", { app: "web" });
const db = deploymentRaw("t", "db", { app: "db" });
const denyAll = netpolRaw("t", "deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
const denyIn = netpolRaw("t", "deny-in", { podSelector: {}, policyTypes: ["Ingress"] });
const denyOut = netpolRaw("t", "deny-out", { podSelector: {}, policyTypes: ["Egress"] });
const webBoth = netpolRaw("t", "web-both", {
  podSelector: { matchLabels: { app: "web" } },
  policyTypes: ["Ingress", "Egress"],
});
const dbBoth = netpolRaw("t", "db-both", {
  podSelector: { matchLabels: { app: "db" } },
  policyTypes: ["Ingress", "Egress"],
});
const other = netpolRaw("other", "deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] });

describe("namespace segmentation", () => {
  it.each([
    ["no policy", [web, db], "none"],
    ["a policy in another namespace does not count", [web, db, other], "none"],
    ["default deny both ways", [web, db, denyAll], "default-deny"],
    ["two catch-all policies, one per direction, add up", [web, db, denyIn, denyOut], "default-deny"],
    ["catch-all for ingress only", [web, db, denyIn], "partial"],
    ["a workload selected by nothing", [web, db, webBoth], "partial"],
    ["every workload isolated by selectors, no catch-all for new pods", [web, db, webBoth, dbBoth], "partial"],
    ["policies but no workloads: catch-all both ways", [denyAll], "default-deny"],
    ["policies but no workloads: no catch-all", [webBoth], "partial"],
    ["no policy and no workloads", [], "none"],
  ])("%s → %s", (_, raws, expected) => {
    expect(namespaceNetwork(storeOf(raws), "t").segmentation).toBe(expected);
  });

  it("lists the workloads open in each direction, templates included", () => {
    const ns = namespaceNetwork(storeOf([web, db, denyIn, webBoth]), "t");
    expect(ns.open.ingress.map((w) => w.key)).toEqual([]);
    expect(ns.open.egress.map((w) => w.key)).toEqual(["Deployment/t/db"]);
    const webIso = ns.workloads.find((w) => w.key === "Pod/t/web")!;
    expect(webIso.policies.ingress.map((p) => p.ref.name).sort()).toEqual(["deny-in", "web-both"]);
    expect(webIso.policies.egress.map((p) => p.ref.name)).toEqual(["web-both"]);
  });
});

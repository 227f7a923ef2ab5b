import { describe, expect, it } from "vitest";
import { complete, parseCommand } from "./commands.js";

describe("parseCommand", () => {
  it.each([
    ["ns payments", { type: "ns", namespace: "payments" }],
    ["ns", { type: "ns", namespace: undefined }],
    ["ns all", { type: "ns", namespace: undefined }],
    ["ctx prod", { type: "ctx", name: "prod" }],
    ["pod", { type: "panel", panel: "pods" }],
    ["rbac", { type: "panel", panel: "rbac" }],
    ["net", { type: "panel", panel: "network" }],
    ["sec", { type: "panel", panel: "secrets" }],
    ["img", { type: "panel", panel: "images" }],
    ["q", { type: "quit" }],
    ["help", { type: "help" }],
  ])(":%s", (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it("parses :reach with an optional port and protocol", () => {
    expect(parseCommand("reach shop/db 5432")).toEqual({
      type: "reach",
      target: "shop/db",
      port: { port: 5432, protocol: "TCP" },
      text: "shop/db 5432",
    });
    expect(parseCommand("reach kube-system/coredns 53/udp")).toMatchObject({ port: { port: 53, protocol: "UDP" } });
    expect(parseCommand("reach shop/db")).toEqual({ type: "reach", target: "shop/db", text: "shop/db" });
    expect(parseCommand("reach db")).toMatchObject({ type: "error", message: /usage: :reach NS\/NAME/ });
    expect(parseCommand("reach shop/db http")).toMatchObject({ type: "error", message: /bad port http/ });
    expect(complete("reach sh", { namespaces: ["shop", "dev"], contexts: [] }).line).toBe("reach shop/");
  });

  it("parses :can with subresource, name and namespace", () => {
    expect(parseCommand("can create pods/exec -n shop")).toEqual({
      type: "can",
      query: { verb: "create", resource: "pods", subresource: "exec", namespace: "shop" },
      text: "create pods/exec -n shop",
    });
    expect(parseCommand("who-can get secrets db-creds --namespace=payments")).toMatchObject({
      type: "can",
      query: { verb: "get", resource: "secrets", name: "db-creds", namespace: "payments" },
    });
  });

  it.each(["", "can get", "ctx", "bogus"])("rejects %j with a message", (text) => {
    expect(parseCommand(text).type).toBe("error");
  });
});

describe("complete", () => {
  const sources = { namespaces: ["payments", "prod-a", "shop"], contexts: ["kind-dev", "prod"] };
  it.each([
    ["ct", "ctx ", []],
    ["n", "n", ["ns", "net"]],
    ["ns pa", "ns payments ", []],
    ["ns p", "ns p", ["payments", "prod-a"]],
    ["ctx k", "ctx kind-dev ", []],
    ["can get sec", "can get secrets ", []],
    ["can get secrets -n s", "can get secrets -n shop ", []],
    ["zz", "zz", []],
  ])("%j → %j", (line, expected, candidates) => {
    const c = complete(line, sources);
    expect(c.line).toBe(expected);
    expect(c.candidates).toEqual(candidates);
  });
});

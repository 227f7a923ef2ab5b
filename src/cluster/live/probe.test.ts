// The anonymous probe sends no credentials at all, whatever the kubeconfig holds,
// and reports each answer as the server gave it.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeAnonymous } from "./probe.js";

const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
const server = createServer((req, res) => {
  seen.push({ url: req.url ?? "", headers: req.headers });
  if (req.url === "/version") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ gitVersion: "v1.36.3", major: "1", minor: "36" }));
  } else {
    res.writeHead(401, { "content-type": "application/json" });
    res.end(JSON.stringify({ kind: "Status", reason: "Unauthorized" }));
  }
});
let url = "";

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function kubeconfigWithToken(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "c", server: url, skipTLSVerify: false }],
    users: [{ name: "u", token: "secret-bearer-token" }],
    contexts: [{ name: "x", cluster: "c", user: "u" }],
    currentContext: "x",
  });
  return kc;
}

describe("anonymous probe", () => {
  it("GETs /version and /api with no credentials and reports what came back", async () => {
    const probe = await probeAnonymous(kubeconfigWithToken(), url, new AbortController().signal);
    expect(probe.answers).toEqual([
      { path: "/version", status: 200, seen: ["v1.36.3"] },
      { path: "/api", status: 401 },
    ]);
    expect(seen.map((s) => s.url)).toEqual(["/version", "/api"]);
    for (const s of seen) {
      expect(s.headers.authorization).toBeUndefined();
      expect(JSON.stringify(s.headers)).not.toContain("secret-bearer-token");
    }
  });

  it("an unreachable server is an error per path, never a throw", async () => {
    const probe = await probeAnonymous(kubeconfigWithToken(), "http://127.0.0.1:1", new AbortController().signal);
    expect(probe.answers.map((a) => [a.path, a.status, typeof a.error])).toEqual([
      ["/version", undefined, "string"],
      ["/api", undefined, "string"],
    ]);
  });
});

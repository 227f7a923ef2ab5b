// The anonymous probe (live only, off with --no-probe): GET /version and GET /api
// to the same server with no credentials at all — no client certificate, no
// token, no exec plugin — trusting the same CA as the kubeconfig. Two GETs: it
// is read-only by construction. What the server answered is reported as is.
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { KubeConfig } from "@kubernetes/client-node";
import { kubewardVersion } from "../../util/version.js";
import type { AnonymousProbe, ProbeAnswer } from "../server-info.js";

const TIMEOUT_MS = 5_000;
const MAX_BODY = 256 * 1024;

interface Trust {
  ca?: Buffer;
  rejectUnauthorized: boolean;
  servername?: string;
}

function trustOf(kc: KubeConfig): Trust {
  const cluster = kc.getCurrentCluster();
  const trust: Trust = { rejectUnauthorized: !cluster?.skipTLSVerify };
  if (cluster?.caData) trust.ca = Buffer.from(cluster.caData, "base64");
  else if (cluster?.caFile) trust.ca = readFileSync(cluster.caFile);
  if (cluster?.tlsServerName) trust.servername = cluster.tlsServerName;
  return trust;
}

function get(server: URL, path: string, trust: Trust, signal: AbortSignal): Promise<{ status: number; body: string }> {
  const url = new URL(server.pathname.replace(/\/$/, "") + path, server);
  const secure = url.protocol === "https:";
  const options: https.RequestOptions = {
    method: "GET",
    headers: { Accept: "application/json", "User-Agent": `kubeward/${kubewardVersion()} (anonymous probe)` },
    agent: false,
    signal,
    ...(secure ? trust : {}),
  };
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(url, options, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        if (body.length < MAX_BODY) body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", reject);
    });
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error("timed out")));
    req.on("error", reject);
    req.end();
  });
}

function seenIn(path: string, body: string): string[] | undefined {
  try {
    const j = JSON.parse(body) as { gitVersion?: unknown; versions?: unknown };
    if (path === "/version" && typeof j.gitVersion === "string") return [j.gitVersion];
    if (path === "/api" && Array.isArray(j.versions))
      return j.versions.filter((v): v is string => typeof v === "string");
  } catch {
    // not JSON: nothing seen
  }
  return undefined;
}

export async function probeAnonymous(kc: KubeConfig, server: string, signal: AbortSignal): Promise<AnonymousProbe> {
  const answers: ProbeAnswer[] = [];
  let trust: Trust;
  try {
    trust = trustOf(kc);
  } catch (err) {
    const error = `cannot read the cluster CA: ${(err as Error)?.message ?? String(err)}`;
    return { at: new Date().toISOString(), answers: ["/version", "/api"].map((path) => ({ path, error })) };
  }
  const base = new URL(server);
  for (const path of ["/version", "/api"]) {
    try {
      const r = await get(base, path, trust, signal);
      const seen = r.status === 200 ? seenIn(path, r.body) : undefined;
      answers.push({ path, status: r.status, ...(seen ? { seen } : {}) });
    } catch (err) {
      answers.push({ path, error: String((err as Error)?.message ?? err).split("\n")[0]! });
    }
  }
  return { at: new Date().toISOString(), answers };
}

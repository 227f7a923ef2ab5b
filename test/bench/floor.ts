// The floor: what a client that only lists must spend. The same kinds as the live
// source (src/cluster/live.ts), the same page size (500, watcher.ts) and the same
// concurrency (every core kind at once, pages of one kind one after another; the
// optional kinds too, a 404 meaning "not served"), Secrets metadata-only as the
// source asks. List bodies are counted, not parsed: only the list's `continue` token is
// read, from the head of the body (the list metadata precedes "items"). Discovery
// is the live source's own (live/discovery.ts), which parses its small documents.
//
// Run as its own process, like `kubectl get` and `kubeward scan` beside it:
//   node dist/test/bench/floor.js <kubeconfig>  → one JSON line {ms, bytes, pages, requests, notServed}

import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { type Discovery, type DiscoveryTransport, discover } from "../../src/cluster/live/discovery.js";
import { ApiError } from "../../src/cluster/live/errors.js";
import { JSON_ACCEPT, METADATA_LIST_ACCEPT } from "../../src/cluster/live/transport.js";
import { KINDS, type KindInfo } from "../../src/cluster/objects.js";

export const FLOOR_PAGE_SIZE = 500;

export interface FloorResult {
  ms: number;
  bytes: number;
  pages: number;
  kinds: number;
  notServed: string[];
}

interface Endpoint {
  base: URL;
  options: https.RequestOptions;
}

const b64 = (s: unknown) => (typeof s === "string" ? Buffer.from(s, "base64") : undefined);

/** The current context of a kubeconfig with embedded client certificates or a token (the test API server's). */
export function endpointOf(kubeconfigPath: string): Endpoint {
  // biome-ignore lint/suspicious/noExplicitAny: a kubeconfig is plain YAML
  const kc = parse(readFileSync(kubeconfigPath, "utf8")) as any;
  const ctx = kc.contexts?.find((c: { name: string }) => c.name === kc["current-context"])?.context;
  if (!ctx) throw new Error(`${kubeconfigPath}: no current context`);
  const cluster = kc.clusters?.find((c: { name: string }) => c.name === ctx.cluster)?.cluster;
  const user = kc.users?.find((u: { name: string }) => u.name === ctx.user)?.user ?? {};
  if (!cluster?.server) throw new Error(`${kubeconfigPath}: no server`);
  const options: https.RequestOptions = {
    ca: b64(cluster["certificate-authority-data"]),
    cert: b64(user["client-certificate-data"]),
    key: b64(user["client-key-data"]),
    headers: user.token ? { Authorization: `Bearer ${user.token}` } : {},
  };
  return { base: new URL(cluster.server), options };
}

function get(
  ep: Endpoint,
  agent: http.Agent,
  path: string,
  accept: string,
  whole = false,
): Promise<{ status: number; head: string; bytes: number }> {
  const url = new URL(ep.base.pathname.replace(/\/$/, "") + path, ep.base);
  const mod = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(
      url,
      { ...ep.options, agent, method: "GET", headers: { ...ep.options.headers, Accept: accept } },
      (res) => {
        let head = "";
        let bytes = 0;
        res.on("data", (d: Buffer) => {
          bytes += d.length;
          if (whole || head.length < 4096) head += d.toString("latin1", 0, whole ? d.length : Math.min(d.length, 4096));
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, head, bytes }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/**
 * The live source's discovery (live/discovery.ts) over the floor's GETs: the discovery
 * documents are parsed as the source parses them (read as latin1: the names compared
 * are ASCII), their bytes counted.
 */
function discoveryTransport(ep: Endpoint, agent: http.Agent, count: (bytes: number) => void): DiscoveryTransport {
  return {
    async getJson(path, accept) {
      const r = await get(ep, agent, path, accept, true);
      count(r.bytes);
      if (r.status !== 200) throw new ApiError(r.status, undefined, `GET ${path}: HTTP ${r.status}`);
      try {
        return JSON.parse(r.head);
      } catch {
        throw new ApiError(200, "BadResponse", `GET ${path}: not JSON`);
      }
    },
  };
}

/** As src/cluster/live/watcher.ts builds it (not imported: it would load projection, which the floor never runs). */
function collectionPath(info: KindInfo, query: Record<string, string>): string {
  const prefix = info.apiVersion.includes("/") ? `/apis/${info.apiVersion}` : `/api/${info.apiVersion}`;
  return `${prefix}/${info.plural}?${new URLSearchParams(query).toString()}`;
}

/** The `continue` token of a list, read from the head of its body (metadata comes before items). */
export function continueToken(head: string): string | undefined {
  const items = head.indexOf('"items"');
  const meta = items >= 0 ? head.slice(0, items) : head;
  const m = /"continue"\s*:\s*"([^"]*)"/.exec(meta);
  return m?.[1] || undefined;
}

export async function listFloor(kubeconfigPath: string, kinds: readonly KindInfo[] = KINDS): Promise<FloorResult> {
  const ep = endpointOf(kubeconfigPath);
  const agent = new (ep.base.protocol === "https:" ? https.Agent : http.Agent)({ keepAlive: true });
  const t0 = performance.now();
  let bytes = 0;
  let pages = 0;
  const notServed: string[] = [];
  const transport = discoveryTransport(ep, agent, (n) => {
    bytes += n;
  });
  const optional = kinds.filter((k) => k.optional);
  let discovery: Promise<Discovery | undefined> | undefined;
  await Promise.all(
    kinds.map(async (info) => {
      const accept = info.metadataOnly ? METADATA_LIST_ACCEPT : JSON_ACCEPT;
      if (info.optional) {
        // As the live source: /api and /apis, then the resources of the optional kinds'
        // group versions; the list only when the kind is served. A discovery document
        // the server refuses or garbles: nothing optional is served.
        const found = await (discovery ??= discover(transport, new AbortController().signal, optional).catch(
          (err: unknown) => {
            if (err instanceof ApiError) return undefined;
            throw err;
          },
        ));
        if (!found?.serves(info.apiVersion, info.plural)) {
          notServed.push(info.kind);
          return;
        }
      }
      let cont: string | undefined;
      do {
        const query: Record<string, string> = { limit: String(FLOOR_PAGE_SIZE) };
        if (cont) query.continue = cont;
        const r = await get(ep, agent, collectionPath(info, query), accept);
        bytes += r.bytes;
        pages++;
        if (r.status !== 200) throw new Error(`GET ${info.plural}: HTTP ${r.status}`);
        cont = continueToken(r.head);
      } while (cont);
    }),
  );
  const ms = performance.now() - t0;
  agent.destroy();
  return { ms: Math.round(ms), bytes, pages, kinds: kinds.length, notServed };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const path = process.argv[2];
  if (!path) {
    process.stderr.write("usage: floor.js <kubeconfig>\n");
    process.exit(2);
  }
  listFloor(path).then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (err: unknown) => {
      process.stderr.write(`floor: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}

// Transport over node:https with the auth a client-node KubeConfig gives
// (client certificates, tokens, exec plugins, OIDC): applyToHTTPSOptions runs
// before every request so refreshed tokens are picked up.
import http from "node:http";
import https from "node:https";
import { createInterface } from "node:readline";
import type { KubeConfig } from "@kubernetes/client-node";
import { kubewardVersion } from "../../util/version.js";
import { ApiError } from "./errors.js";
import { ExecGuard } from "./exec-guard.js";
import type { Transport, WatchEvent } from "./transport.js";

/** A socket silent this long is dead (watches get bookmarks and end by timeoutSeconds well before). */
const IDLE_MS = 11 * 60_000;
const LIST_IDLE_MS = 60_000;
const MAX_ERROR_BODY = 64 * 1024;

class AuthError extends Error {
  override name = "AuthError";
}

function statusError(status: number, body: string): ApiError {
  try {
    const s = JSON.parse(body) as { reason?: unknown; message?: unknown };
    const message = typeof s.message === "string" ? s.message : (http.STATUS_CODES[status] ?? "");
    return new ApiError(status, typeof s.reason === "string" ? s.reason : undefined, message);
  } catch {
    return new ApiError(status, undefined, http.STATUS_CODES[status] ?? `HTTP ${status}`);
  }
}

export class HttpTransport implements Transport {
  private readonly base: URL;
  /** Exec credential plugins run with a timeout and are killed on close(). */
  private readonly exec = new ExecGuard();
  private readonly usesExec: boolean;

  constructor(
    private readonly kc: KubeConfig,
    readonly server: string,
  ) {
    this.base = new URL(server);
    const user = kc.getCurrentUser() as { exec?: unknown; authProvider?: { name?: string } } | null;
    this.usesExec = !!user?.exec || user?.authProvider?.name === "exec";
    this.exec.install(kc);
  }

  /** Stops what this transport started (exec credential plugins still running). */
  close(): void {
    this.exec.killAll();
  }

  private async request(path: string, accept: string, signal: AbortSignal, idleMs: number) {
    const opts: https.RequestOptions = {
      method: "GET",
      headers: { Accept: accept, "User-Agent": `kubeward/${kubewardVersion()}` },
    };
    try {
      await this.kc.applyToHTTPSOptions(opts);
    } catch (err) {
      if (this.usesExec) throw new AuthError(`authentication failed: ${this.exec.explain(err)}`);
      throw new AuthError(`authentication failed: ${(err as Error)?.message ?? String(err)}`);
    }
    const url = new URL(this.base.pathname.replace(/\/$/, "") + path, this.base);
    const secure = url.protocol === "https:";
    if (!secure) delete opts.agent;
    const mod = secure ? https : http;
    return await new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = mod.request(url, { ...opts, signal }, resolve);
      req.setTimeout(idleMs, () => req.destroy(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })));
      req.on("error", reject);
      req.end();
    });
  }

  private async fail(res: http.IncomingMessage): Promise<never> {
    let body = "";
    res.setEncoding("utf8");
    for await (const chunk of res) {
      body += chunk;
      if (body.length > MAX_ERROR_BODY) break;
    }
    res.destroy();
    throw statusError(res.statusCode ?? 0, body);
  }

  async getJson(path: string, accept: string, signal: AbortSignal): Promise<unknown> {
    const res = await this.request(path, accept, signal, LIST_IDLE_MS);
    if (res.statusCode !== 200) return this.fail(res);
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    try {
      return JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      throw new ApiError(200, "BadResponse", "the API server sent a malformed JSON answer");
    }
  }

  async watch(
    path: string,
    accept: string,
    signal: AbortSignal,
    onOpen: () => void,
    onEvent: (event: WatchEvent) => void,
  ): Promise<void> {
    const res = await this.request(path, accept, signal, IDLE_MS);
    if (res.statusCode !== 200) return this.fail(res);
    onOpen();
    const lines = createInterface({ input: res, crlfDelay: Number.POSITIVE_INFINITY });
    let ended = false;
    // The response emits "aborted"/"error" when the connection drops mid-stream;
    // readline alone would just close, which would look like a clean end.
    const broken = new Promise<never>((_, reject) => {
      res.on("aborted", () => reject(Object.assign(new Error("connection reset"), { code: "ECONNRESET" })));
      res.on("error", (e) => reject(e));
    });
    broken.catch(() => {});
    try {
      const consume = (async () => {
        for await (const line of lines) {
          if (!line.trim()) continue;
          let event: WatchEvent;
          try {
            event = JSON.parse(line) as WatchEvent;
          } catch {
            throw new ApiError(200, "BadResponse", "the API server sent a malformed watch event");
          }
          onEvent(event);
        }
        ended = true;
      })();
      await Promise.race([consume, broken]);
      if (!ended || !res.complete) throw Object.assign(new Error("connection reset"), { code: "ECONNRESET" });
    } finally {
      lines.close();
      res.destroy();
    }
  }
}

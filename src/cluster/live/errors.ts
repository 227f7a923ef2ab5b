// Classifies what went wrong talking to the API server, so each case gets the
// right reaction (relist, forbidden, slow retry, backoff) and one clear line.

/** A non-2xx answer or an ERROR watch event, with the server's Status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

export type ErrorClass =
  /** 410 Gone / "too old resource version": the watch cannot resume; relist. */
  | "gone"
  | "forbidden"
  /** 401: credentials missing, expired or rejected. */
  | "unauthorized"
  /** No route to the server: refused, DNS, timeout, reset. */
  | "unreachable"
  /** TLS: unknown CA, bad certificate, hostname mismatch. */
  | "tls"
  /** The kubeconfig's auth (exec plugin, OIDC) failed before a request was sent. */
  | "auth"
  /** Anything else (5xx, 429, a malformed answer): retry with backoff. */
  | "transient";

export interface Classified {
  class: ErrorClass;
  message: string;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "DNS lookup failed",
  ETIMEDOUT: "timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  EPIPE: "connection closed",
  ECONNABORTED: "connection aborted",
};

const TLS_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "ERR_SSL_WRONG_VERSION_NUMBER",
]);

function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | undefined;
  if (typeof e?.code === "string") return e.code;
  if (typeof e?.cause?.code === "string") return e.cause.code;
  return undefined;
}

export function classify(err: unknown, server = "the API server"): Classified {
  if (err instanceof ApiError) {
    if (err.status === 410 || err.reason === "Expired" || /too old resource version/i.test(err.message))
      return { class: "gone", message: err.message };
    if (err.status === 403) return { class: "forbidden", message: err.message };
    if (err.status === 401)
      return {
        class: "unauthorized",
        message: `the API server rejected the credentials (401 Unauthorized): they are missing, expired or revoked`,
      };
    return { class: "transient", message: `${server} answered ${err.status}${err.message ? `: ${err.message}` : ""}` };
  }
  const code = errorCode(err);
  const text = err instanceof Error ? err.message : String(err);
  if (code && NETWORK_CODES[code])
    return { class: "unreachable", message: `cannot reach ${server}: ${NETWORK_CODES[code]}` };
  if (code && TLS_CODES.has(code))
    return {
      class: "tls",
      message: `TLS error talking to ${server}: ${text.split(";")[0]} (check the kubeconfig's certificate-authority)`,
    };
  if ((err as { name?: string })?.name === "AuthError") return { class: "auth", message: text };
  return { class: "transient", message: text || "unknown error" };
}

/** What RBAC permission a 403 says is missing, e.g. "list deployments.apps in namespace shop". */
export function missingPermission(verb: string, plural: string, apiVersion: string, namespace?: string): string {
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  const resource = group ? `${plural}.${group}` : plural;
  return `${verb} ${resource} ${namespace ? `in namespace ${namespace}` : "at cluster scope"}`;
}

import { describe, expect, it } from "vitest";
import { ApiError, classify, missingPermission } from "./errors.js";

const net = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe("classify", () => {
  it.each([
    [new ApiError(410, "Expired", "gone"), "gone"],
    [new ApiError(500, "InternalError", "too old resource version: 1 (5)"), "gone"],
    [new ApiError(403, "Forbidden", "no"), "forbidden"],
    [new ApiError(401, "Unauthorized", "Unauthorized"), "unauthorized"],
    [new ApiError(503, "ServiceUnavailable", "x"), "transient"],
    [new ApiError(429, "TooManyRequests", "x"), "transient"],
    [net("ECONNREFUSED"), "unreachable"],
    [net("ENOTFOUND"), "unreachable"],
    [net("ECONNRESET"), "unreachable"],
    [
      Object.assign(new Error("self-signed certificate in certificate chain"), { code: "SELF_SIGNED_CERT_IN_CHAIN" }),
      "tls",
    ],
    [Object.assign(new Error("exec plugin failed"), { name: "AuthError" }), "auth"],
    [new Error("weird"), "transient"],
  ])("%s → %s", (err, expected) => {
    expect(classify(err, "https://k:6443").class).toBe(expected);
  });

  it("says which server cannot be reached and why, in one line", () => {
    const c = classify(net("ECONNREFUSED"), "https://127.0.0.1:1");
    expect(c.message).toBe("cannot reach https://127.0.0.1:1: connection refused");
  });

  it("explains a 401 as rejected credentials", () => {
    expect(classify(new ApiError(401, undefined, "Unauthorized")).message).toMatch(/credentials.*expired/);
  });
});

describe("missingPermission", () => {
  it.each([
    ["list", "pods", "v1", undefined, "list pods at cluster scope"],
    ["watch", "deployments", "apps/v1", "shop", "watch deployments.apps in namespace shop"],
    [
      "list",
      "clusterroles",
      "rbac.authorization.k8s.io/v1",
      undefined,
      "list clusterroles.rbac.authorization.k8s.io at cluster scope",
    ],
  ])("%s %s %s %s", (verb, plural, apiVersion, ns, expected) => {
    expect(missingPermission(verb, plural, apiVersion, ns)).toBe(expected);
  });
});

import { describe, expect, it } from "vitest";
import { isMutable, isTrusted, parseImage } from "./reference.js";

const D = "sha256:4b3c9e0d2f8a1b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c";

describe("image references", () => {
  it.each([
    ["nginx", { registry: "docker.io", repository: "library/nginx" }],
    ["nginx:1.27", { registry: "docker.io", repository: "library/nginx", tag: "1.27" }],
    ["bitnami/redis:7", { registry: "docker.io", repository: "bitnami/redis", tag: "7" }],
    ["docker.io/library/docker:27-dind", { registry: "docker.io", repository: "library/docker", tag: "27-dind" }],
    ["index.docker.io/nginx", { registry: "docker.io", repository: "library/nginx" }],
    ["localhost:5000/app", { registry: "localhost:5000", repository: "app" }],
    ["localhost/app:2", { registry: "localhost", repository: "app", tag: "2" }],
    [
      "registry.example.com:443/team/app:1.2",
      { registry: "registry.example.com:443", repository: "team/app", tag: "1.2" },
    ],
    [`quay.io/x/y@${D}`, { registry: "quay.io", repository: "x/y", digest: D }],
    [`ghcr.io/x/y:1.0@${D}`, { registry: "ghcr.io", repository: "x/y", tag: "1.0", digest: D }],
  ])("parses %s", (image, expected) => {
    expect(parseImage(image)).toEqual(expected);
  });

  it.each([[""], ["   "], [42], [null], ["nginx:"], ["a b"], ["nginx@sha256:short"], [":1"]])("rejects %j", (image) => {
    expect(parseImage(image)).toBeUndefined();
  });

  it.each([
    ["nginx", true],
    ["nginx:latest", true],
    ["nginx:1.27", false],
    [`nginx@${D}`, false],
    [`nginx:latest@${D}`, false],
  ])("%s mutable: %s", (image, mutable) => {
    expect(isMutable(parseImage(image)!)).toBe(mutable);
  });

  it.each([
    ["quay.io/prometheus/prometheus:v2", ["quay.io"], true],
    ["quay.io.evil.com/prometheus:v2", ["quay.io"], false],
    ["nginx", ["docker.io"], true],
    ["nginx", ["index.docker.io/library"], true],
    ["bitnami/redis", ["docker.io/library"], false],
    ["registry.example.com/payments/api:1", ["registry.example.com/payments"], true],
    ["registry.example.com/paymentsx/api:1", ["registry.example.com/payments"], false],
    ["eu.gcr.io/p/app", ["*.gcr.io"], true],
    ["gcr.io/p/app", ["*.gcr.io"], false],
    ["localhost:5000/app", ["localhost:5000"], true],
  ])("%s trusted by %j: %s", (image, trusted, ok) => {
    expect(isTrusted(parseImage(image)!, trusted)).toBe(ok);
  });
});

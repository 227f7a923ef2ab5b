import { describe, expect, it } from "vitest";
import { withImage } from "../../../test/support/objects.js";
import { analyze } from "../../../test/support/store.js";

const CHECK = "image.untrusted-registry";
const found = (image: string, trustedRegistries: string[]) =>
  analyze([withImage(image)], { trustedRegistries }).result.findings.filter((f) => f.check === CHECK);

describe(CHECK, () => {
  it.each([
    ["nginx:1.27", ["registry.example.com"], "docker.io"],
    ["ghcr.io/example/reporter:1", ["registry.example.com", "quay.io"], "ghcr.io"],
    ["registry.example.com/other/app:1", ["registry.example.com/payments"], "registry.example.com"],
  ])("flags %s outside %j", (image, trusted, registry) => {
    const f = found(image, trusted);
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain(`from ${registry}`);
    expect(f[0]!.severity).toBe("high");
  });

  it.each([
    ["nginx:1.27", []],
    ["nginx:1.27", ["docker.io"]],
    ["registry.example.com/payments/api:1", ["registry.example.com/payments"]],
    ["quay.io/prometheus/prometheus:v2", ["quay.io", "registry.k8s.io"]],
  ])("passes %s with %j", (image, trusted) => {
    expect(found(image, trusted)).toEqual([]);
  });
});

// The demo shows every secrets and images check and the attack paths. Checks that
// need the RBAC or network engine are asserted when those engines are registered.
import { describe, expect, it } from "vitest";
import type { AnalysisResult } from "../../src/analysis/analyzer.js";
import { createEngines } from "../../src/analysis/registry.js";
import { DEMO_TRUSTED_REGISTRIES } from "../../src/cluster/demo/trusted.js";
import { DemoSource } from "../../src/cluster/demo.js";
import { Session } from "../../src/commands/session.js";

async function demo(): Promise<AnalysisResult> {
  const session = new Session(new DemoSource({ intervalMs: 0 }), { trustedRegistries: DEMO_TRUSTED_REGISTRIES });
  await session.start();
  return session.analyze();
}

const names = new Set(createEngines().map((e) => e.name));
const at = (r: AnalysisResult, check: string) =>
  r.findings
    .filter((f) => f.check === check)
    .map((f) => `${f.resource.kind} ${f.resource.namespace}/${f.resource.name}`);

describe("demo: secret exposure, image hygiene, attack paths", () => {
  it.each([
    ["secret.env-reference", "Deployment shop/web"],
    ["secret.plaintext-env", "StatefulSet shop/db"],
    ["secret.plaintext-configmap", "ConfigMap shop/app-config"],
    ["secret.last-applied", "Secret shop/db-credentials"],
    ["secret.legacy-token", "Secret shop/web-token"],
    ["image.mutable-tag", "Deployment shop/web"],
    ["image.no-digest", "StatefulSet shop/db"],
    ["image.untrusted-registry", "CronJob shop/nightly-report"],
    ["image.pull-policy", "CronJob shop/nightly-report"],
    ["image.vulnerable", "Deployment shop/web"],
    ["image.exposed-secret", "CronJob shop/nightly-report"],
    ["image.scan-missing", "Deployment monitoring/prometheus"],
    ["image.unverified", "Deployment shop/web"],
    ["path.reachable-privileged-vulnerable", "Pod ci/build-runner-5k2x9"],
  ])("%s on %s", async (check, where) => {
    expect(at(await demo(), check)).toContain(where);
  });

  it.skipIf(!names.has("rbac"))("RBAC-ranked secret checks", async () => {
    const r = await demo();
    expect(at(r, "secret.token-automount")).toContain("Pod ci/build-runner-5k2x9");
    expect(
      r.findings.find((f) => f.check === "secret.token-automount" && f.resource.name === "build-runner-5k2x9")
        ?.severity,
    ).toBe("critical");
    // system:authenticated may read every secret (ClusterRoleBinding all-users-read-secrets).
    expect(at(r, "secret.broad-readers")).toContain("Secret payments/stripe-key");
  });

  it.skipIf(!names.has("rbac"))("at least two attack paths, critical, with their chains", async () => {
    const r = await demo();
    const paths = r.findings.filter((f) => f.check.startsWith("path."));
    expect(new Set(paths.map((f) => f.check)).size).toBeGreaterThanOrEqual(2);
    expect(at(r, "path.privileged-pod-secrets-reader")).toContain("Pod ci/build-runner-5k2x9");
    expect(r.findings.some((f) => f.check === "path.anonymous-risky")).toBe(true);
    const ids = new Set(r.findings.map((f) => f.id));
    for (const p of paths) {
      expect(p.severity).toBe("critical");
      for (const id of p.chain ?? []) expect(ids).toContain(id);
    }
  });

  it.skipIf(!names.has("rbac") || !names.has("network"))("the unsegmented-namespace path", async () => {
    expect(at(await demo(), "path.unsegmented-powerful-token")).toContain("Pod ci/build-runner-5k2x9");
  });
});

import { describe, expect, it } from "vitest";
import { analyze } from "../../../test/support/store.js";
import { deploymentChain, exposedSecretReport } from "../../../test/support/supply.js";

const CHECK = "image.exposed-secret";

describe(CHECK, () => {
  const report = exposedSecretReport({
    namespace: "shop",
    kind: "ReplicaSet",
    name: "web-7d9f8",
    container: "app",
    repository: "library/nginx",
    tag: "1.25.3",
  });

  it("names rule, category and file on the Deployment, at the scanner's severity", () => {
    const { result } = analyze([...deploymentChain("shop", "web", "nginx:1.25.3"), report]);
    const f = result.findings.filter((x) => x.check === CHECK);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      severity: "critical",
      resource: { kind: "Deployment", name: "web" },
      container: "app",
    });
    expect(f[0]!.message).toContain("aws-access-key-id (AWS) in /app/.env");
  });

  it("never keeps the matched secret text (projection drops `match`)", () => {
    const { store, result } = analyze([...deploymentChain("shop", "web", "nginx:1.25.3"), report]);
    const kept = JSON.stringify(store.list("ExposedSecretReport"));
    expect(kept).not.toContain("AKIAIOSFODNN7EXAMPLE");
    expect(kept).not.toContain('"match"');
    expect(JSON.stringify(result.findings)).not.toContain("AKIAIOSFODNN7EXAMPLE");
  });

  it("is silent without a report", () => {
    const { result } = analyze(deploymentChain("shop", "web", "nginx:1.25.3"));
    expect(result.findings.filter((x) => x.check === CHECK)).toEqual([]);
  });
});

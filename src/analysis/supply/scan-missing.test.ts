import { describe, expect, it } from "vitest";
import { analyze } from "../../../test/support/store.js";
import { deploymentChain, vulnerabilityReport } from "../../../test/support/supply.js";

const CHECK = "image.scan-missing";
const missing = (raws: unknown[]) =>
  analyze(raws)
    .result.findings.filter((f) => f.check === CHECK)
    .map((f) => `${f.resource.kind} ${f.resource.name}`);

describe(CHECK, () => {
  const webReport = vulnerabilityReport({
    namespace: "shop",
    kind: "ReplicaSet",
    name: "web-7d9f8",
    container: "app",
    repository: "library/nginx",
    tag: "1.25.3",
  });

  it("flags a running image no report covers, once a vulnerability source is present", () => {
    const raws = [
      ...deploymentChain("shop", "web", "nginx:1.25.3"),
      ...deploymentChain("shop", "api", "ghcr.io/acme/api:2.0"),
      webReport,
    ];
    expect(missing(raws)).toEqual(["Deployment api"]);
  });

  it("says nothing when no vulnerability report exists at all (no source, no claim)", () => {
    expect(missing(deploymentChain("shop", "api", "ghcr.io/acme/api:2.0"))).toEqual([]);
  });
});

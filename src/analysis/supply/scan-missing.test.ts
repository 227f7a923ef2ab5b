import { describe, expect, it } from "vitest";
import { analyze } from "../../../test/support/store.js";
import { deploymentChain, webChain, webVulnerabilityReport } from "../../../test/support/supply.js";

const CHECK = "image.scan-missing";
const missing = (raws: unknown[]) =>
  analyze(raws)
    .result.findings.filter((f) => f.check === CHECK)
    .map((f) => `${f.resource.kind} ${f.resource.name}`);

describe(CHECK, () => {
  const webReport = webVulnerabilityReport();

  it("flags a running image no report covers, once a vulnerability source is present", () => {
    const raws = [...webChain(), ...deploymentChain("shop", "api", "ghcr.io/acme/api:2.0"), webReport];
    expect(missing(raws)).toEqual(["Deployment api"]);
  });

  it("says nothing when no vulnerability report exists at all (no source, no claim)", () => {
    expect(missing(deploymentChain("shop", "api", "ghcr.io/acme/api:2.0"))).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { supplyDetailLines } from "../../views/supply-detail.js";
import { analyze } from "../support/store.js";
import { deploymentChain, webChain, webVulnerabilityReport } from "../support/supply.js";

// Another workload running the same image: joined to the same report by reference.
const { result } = analyze([
  ...webChain(),
  ...deploymentChain("shop", "edge", "nginx:1.25.3"),
  webVulnerabilityReport(),
]);
const web = result.findings.find((f) => f.check === "image.vulnerable" && f.resource.name === "web")!;

describe("image detail: the CVE list", () => {
  it("lists every CVE worst first with package, versions and link, and names the other workloads on the image", () => {
    const lines = supplyDetailLines(web, result).map((l) => l.text);
    const cves = lines.filter((l) => /CVE-/.test(l));
    expect(cves.map((l) => l.match(/CVE-\d+-\d+/)![0])).toEqual([
      "CVE-2024-0001",
      "CVE-2024-0002",
      "CVE-2024-0003",
      "CVE-2024-0004",
    ]);
    expect(cves[0]).toContain("openssl 3.0.11 → 3.0.13");
    expect(cves[0]).toContain("https://avd.aquasec.com/nvd/cve-2024-0001");
    expect(cves[1]).toContain("no fix yet");
    expect(lines.join("\n")).toMatch(/other workloads running this image[\s\S]*Deployment shop\/edge/);
  });

  it("filters with the detail's / text", () => {
    const lines = supplyDetailLines(web, result, "curl").map((l) => l.text);
    expect(lines.filter((l) => /CVE-/.test(l))).toHaveLength(1);
    expect(lines[0]).toContain("1 of 4 match /curl");
  });
});

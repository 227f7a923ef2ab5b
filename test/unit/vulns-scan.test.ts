// `scan --file … --vulns trivy.json` and `--vulns grype.json` give the same findings
// for the same vulnerabilities; a report that matches no image is a named problem.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScan } from "../../src/commands/scan.js";
import { selectSource } from "../../src/commands/select-source.js";
import { Session } from "../../src/commands/session.js";
import { deploymentChain, grypeJson, trivyJson } from "../support/supply.js";

const dir = mkdtempSync(join(tmpdir(), "kubeward-vulns-scan-"));
const write = (name: string, value: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof value === "string" ? value : JSON.stringify(value));
  return p;
};
const manifests = write("app.json", {
  apiVersion: "v1",
  kind: "List",
  items: [
    ...deploymentChain("shop", "web", "nginx:1.25.3").slice(0, 1),
    ...deploymentChain("shop", "api", "ghcr.io/acme/api:2.0").slice(0, 1),
  ],
});

async function scanJson(vulns: string[]) {
  const source = await selectSource({ demo: false, file: [manifests], allNamespaces: false, vulns }, "scan");
  let out = "";
  await runScan(
    new Session(source),
    { output: "json", syncTimeoutMs: 5000 },
    { stdout: (s) => (out += s), stderr: () => {} },
  );
  return JSON.parse(out) as {
    findings: { check: string; severity: string; message: string; resource: { name: string }; container?: string }[];
    problems?: { where: string; message: string }[];
  };
}

const supply = (r: Awaited<ReturnType<typeof scanJson>>) =>
  r.findings
    .filter((f) => f.check.startsWith("image.vulnerable") || f.check === "image.scan-missing")
    .map((f) => ({
      check: f.check,
      severity: f.severity,
      resource: f.resource.name,
      container: f.container,
      message: f.message,
    }));

describe("scan --vulns", () => {
  it("trivy and grype reports of the same vulnerabilities give the same findings", async () => {
    const trivy = await scanJson([write("trivy.json", trivyJson("nginx:1.25.3"))]);
    const grype = await scanJson([write("grype.json", grypeJson("nginx:1.25.3"))]);
    expect(supply(trivy)).toEqual(supply(grype));
    expect(supply(trivy)).toEqual([
      expect.objectContaining({ check: "image.vulnerable", severity: "critical", resource: "web" }),
      expect.objectContaining({ check: "image.scan-missing", severity: "medium", resource: "api" }),
    ]);
  });

  it("names a report that matches no image, and a malformed one, in the problems list; the analysis still runs", async () => {
    const r = await scanJson([write("stale.json", trivyJson("redis:6")), write("cut.json", '{"Results": [')]);
    const problems = JSON.stringify(r.problems ?? []);
    expect(problems).toContain("stale.json");
    expect(problems).toContain("matches no image");
    expect(problems).toContain("cut.json");
    expect(r.findings.some((f) => f.check === "image.mutable-tag" || f.check === "image.no-digest")).toBe(true);
  });
});

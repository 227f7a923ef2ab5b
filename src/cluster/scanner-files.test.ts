import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DIGEST_A, grypeJson, trivyJson, VULNS } from "../../test/support/supply.js";
import { type LoadedScans, loadScannerReports, parseScannerReport } from "./scanner-files.js";

const dir = mkdtempSync(join(tmpdir(), "kubeward-vulns-"));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const parse = (doc: unknown, file = "r.json"): LoadedScans => {
  const into: LoadedScans = { objects: [], problems: [] };
  parseScannerReport(JSON.stringify(doc), file, into);
  return into;
};

describe("scanner report files", () => {
  it("reads `trivy image --format json` into a VulnerabilityReport-shaped object with the image's tags and repo digests", () => {
    const { objects, problems } = parse(trivyJson("nginx:1.25.3", VULNS, DIGEST_A), "trivy.json");
    expect(problems).toEqual([]);
    expect(objects).toHaveLength(1);
    expect(objects[0]).toMatchObject({
      kind: "VulnerabilityReport",
      scanned: { format: "trivy", references: ["nginx:1.25.3"], digests: [DIGEST_A] },
      report: { summary: { criticalCount: 2, highCount: 1, mediumCount: 1 } },
    });
    expect(objects[0]!.report.vulnerabilities[0]).toEqual({
      vulnerabilityID: "CVE-2024-0001",
      resource: "openssl",
      installedVersion: "3.0.11",
      fixedVersion: "3.0.13",
      severity: "CRITICAL",
      score: 9.8,
      title: "openssl: a flaw",
      primaryLink: "https://avd.aquasec.com/nvd/cve-2024-0001",
    });
  });

  it("reads `grype -o json` into the same vulnerabilities (fix only when state is fixed, severity upper-cased)", () => {
    const t = parse(trivyJson("nginx:1.25.3")).objects[0]!.report.vulnerabilities;
    const g = parse(grypeJson("nginx:1.25.3")).objects[0]!;
    expect(g.scanned).toMatchObject({ format: "grype", references: ["nginx:1.25.3"] });
    const strip = (l: { title?: string; primaryLink?: string }[]) => l.map(({ title, primaryLink, ...rest }) => rest);
    expect(strip(g.report.vulnerabilities)).toEqual(strip(t));
  });

  it("trivy's secret scanner becomes an ExposedSecretReport without the matched text", () => {
    const doc = trivyJson("app:1", []) as { Results: unknown[] };
    doc.Results.push({
      Target: "/app/.env",
      Class: "secret",
      Secrets: [
        {
          RuleID: "github-pat",
          Category: "GitHub",
          Severity: "CRITICAL",
          Title: "GitHub PAT",
          Match: "ghp_SECRETSECRET",
        },
      ],
    });
    const { objects } = parse(doc);
    const secrets = objects.find((o) => o.kind === "ExposedSecretReport")!;
    expect(secrets.report.secrets).toEqual([
      { ruleID: "github-pat", category: "GitHub", severity: "CRITICAL", target: "/app/.env", title: "GitHub PAT" },
    ]);
    expect(JSON.stringify(objects)).not.toContain("ghp_SECRETSECRET");
  });

  it("a truncated file is one problem naming the file; a malformed field names the field; the rest is read", () => {
    const good = JSON.stringify(trivyJson("nginx:1.25.3"));
    const truncated = loadScannerReports([write("cut.json", good.slice(0, good.length / 2))]);
    expect(truncated.objects).toEqual([]);
    expect(truncated.problems).toHaveLength(1);
    expect(truncated.problems[0]!.where).toMatch(/cut\.json$/);
    expect(truncated.problems[0]!.message).toMatch(/malformed JSON.*truncated/);

    const doc = trivyJson("nginx:1.25.3") as { Results: { Vulnerabilities: Record<string, unknown>[] }[] };
    doc.Results[0]!.Vulnerabilities[1]!.Severity = 42;
    const partly = parse(doc, "partly.json");
    expect(partly.problems).toEqual([
      { where: "partly.json: Results[0].Vulnerabilities[1].Severity", message: "missing or malformed: entry skipped" },
    ]);
    expect(partly.objects[0]!.report.vulnerabilities).toHaveLength(3);

    const grype = parse({ matches: "x", source: {} }, "g.json");
    expect(grype.problems[0]).toEqual({ where: "g.json: matches", message: "is not a list: the report was not read" });
    expect(parse({ hello: 1 }, "what.json").problems[0]!.message).toMatch(/not a trivy .* nor a grype/);
    expect(loadScannerReports([join(dir, "absent.json")]).problems[0]!.message).toBe("cannot read: ENOENT");
  });

  it("reads a report larger than the API's 1.5 MiB object limit", () => {
    const many = Array.from({ length: 8000 }, (_, i) => ({
      ...VULNS[i % VULNS.length]!,
      id: `CVE-2024-${String(10000 + i)}`,
    }));
    const text = JSON.stringify(trivyJson("nginx:1.25.3", many));
    expect(text.length).toBeGreaterThan(1.5 * 1024 * 1024);
    const { objects, problems } = loadScannerReports([write("big.json", text)]);
    expect(problems).toEqual([]);
    expect(objects[0]!.report.vulnerabilities).toHaveLength(8000);
  });
});

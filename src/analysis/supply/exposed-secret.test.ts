import { describe, expect, it } from "vitest";
import { analyze } from "../../../test/support/store.js";
import { exposedSecretReport, WEB_SUBJECT, webChain } from "../../../test/support/supply.js";

const CHECK = "image.exposed-secret";

describe(CHECK, () => {
  const report = exposedSecretReport(WEB_SUBJECT);

  it("names rule, category and file on the Deployment, at the scanner's severity", () => {
    const { result } = analyze([...webChain(), report]);
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
    const { store, result } = analyze([...webChain(), report]);
    const kept = JSON.stringify(store.list("ExposedSecretReport"));
    expect(kept).not.toContain("AKIAIOSFODNN7EXAMPLE");
    expect(kept).not.toContain('"match"');
    expect(JSON.stringify(result.findings)).not.toContain("AKIAIOSFODNN7EXAMPLE");
  });

  it("is silent without a report", () => {
    const { result } = analyze(webChain());
    expect(result.findings.filter((x) => x.check === CHECK)).toEqual([]);
  });
});

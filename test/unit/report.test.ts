import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { checkMetas } from "../../src/analysis/registry.js";
import { DemoSource } from "../../src/cluster/demo.js";
import { FileSource } from "../../src/cluster/files.js";
import { renderReport } from "../../src/commands/scan.js";
import { Session } from "../../src/commands/session.js";
import { renderChecksDoc } from "../../src/report/checks-doc.js";
import type { JsonReport } from "../../src/report/json.js";

const require = createRequire(import.meta.url);

async function demoSession(): Promise<Session> {
  const session = new Session(new DemoSource({ intervalMs: 0 }));
  await session.start();
  return session;
}

describe("reports", () => {
  it("JSON follows the DESIGN §8 contract", async () => {
    const session = await demoSession();
    const report = JSON.parse(renderReport(session, session.analyze(), "json")) as JsonReport;
    expect(report.version).toBe(1);
    expect(report.source).toMatchObject({
      kind: "demo",
      context: "kubeward-demo",
      cluster: "demo",
    });
    expect(report.findings.length).toBeGreaterThan(0);
    for (const f of report.findings) {
      expect(f.id).toMatch(/^[0-9a-f]{16}$/);
      expect(["pods", "rbac", "network", "secrets", "images", "cluster"]).toContain(f.panel);
      expect(["critical", "high", "medium", "low", "info"]).toContain(f.severity);
      expect(f.resource).toHaveProperty("kind");
      expect(f.resource).toHaveProperty("name");
      if (f.fix) expect(["strategic", "manifest", "none"]).toContain(f.fix.type);
    }
    const kinds = new Set(report.workloads.map((w) => w.kind));
    for (const k of [
      "Pod",
      "Deployment",
      "StatefulSet",
      "DaemonSet",
      "ReplicaSet",
      "ReplicationController",
      "Job",
      "CronJob",
    ])
      expect(kinds).toContain(k);
    expect(report.namespaces.map((n) => n.name)).toEqual(expect.arrayContaining(["shop", "payments", "kube-system"]));
  });

  it("finding ids are stable across runs", async () => {
    const a = (await demoSession()).analyze().findings.map((f) => f.id);
    const b = (await demoSession()).analyze().findings.map((f) => f.id);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(a.length);
  });

  it("SARIF is valid against the SARIF 2.1.0 schema", async () => {
    const schema = JSON.parse(
      readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"),
    );
    // The published file uses draft-04 style "id"; Ajv wants "$id" and its default draft-07 meta-schema.
    delete schema.$schema;
    schema.$id = schema.id;
    delete schema.id;
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    for (const session of [await demoSession(), await fileSession()]) {
      const sarif = JSON.parse(renderReport(session, session.analyze(), "sarif"));
      const ok = validate(sarif);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
      expect(sarif.runs[0].results.length).toBeGreaterThan(0);
      const ruleIds = sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
      for (const r of sarif.runs[0].results) expect(ruleIds[r.ruleIndex]).toBe(r.ruleId);
    }
  });

  it("docs/checks.md matches the catalog (run `npm run docs` when this fails)", () => {
    const onDisk = readFileSync(new URL("../../docs/checks.md", import.meta.url), "utf8");
    expect(onDisk).toBe(renderChecksDoc());
    for (const m of checkMetas()) expect(onDisk).toContain(`\`${m.id}\``);
  });
});

async function fileSession(): Promise<Session> {
  const session = new Session(new FileSource([new URL("../fixtures/files/broken", import.meta.url).pathname]));
  await session.start();
  return session;
}

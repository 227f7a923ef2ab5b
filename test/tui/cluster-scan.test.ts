// `kubeward scan --file` on a kube-system dump: the control-plane findings come
// out of the static kube-apiserver pod, with their CIS ids, in JSON and SARIF.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/cli.js";

const DUMP = join(ROOT, "test/fixtures/files/kube-system/pods.yaml");

interface JsonFinding {
  check: string;
  severity: string;
  message: string;
  path?: string;
  panel: string;
  resource: { name: string };
}

describe("scan --file on a kube-system dump", () => {
  it("JSON: the kube-apiserver flags with CIS ids, on panel cluster", () => {
    const r = runCli(["scan", "--file", DUMP, "-o", "json"]);
    expect(r.code).toBe(0);
    const findings = (JSON.parse(r.stdout).findings as JsonFinding[]).filter((f) => f.panel === "cluster");
    const byCis = Object.fromEntries(
      findings
        .filter((f) => /CIS /.test(f.message))
        .map((f) => [/CIS ([\d.]+)/.exec(f.message)![1], [f.check, f.severity]]),
    );
    expect(byCis).toMatchObject({
      "1.2.1": ["cluster.apiserver-anonymous-auth", "high"],
      "1.2.6": ["cluster.apiserver-authorization", "critical"],
      "1.2.7": ["cluster.apiserver-authorization", "medium"],
      "1.2.8": ["cluster.apiserver-authorization", "high"],
      "1.2.14": ["cluster.apiserver-admission", "medium"],
      "1.2.15": ["cluster.profiling", "low"],
      "1.2.16": ["cluster.apiserver-audit-log", "medium"],
      "1.2.27": ["cluster.apiserver-encryption-at-rest", "medium"],
      "1.2.5": ["cluster.apiserver-kubelet-ca", "medium"],
    });
    const authz = findings.find((f) => f.message.includes("CIS 1.2.6"))!;
    expect(authz.resource.name).toBe("kube-apiserver-cp-1");
    expect(authz.path).toBe("spec.containers[0].command[3]");
    expect(findings.some((f) => f.check === "cluster.control-plane-not-observable")).toBe(false);
  });

  it("SARIF: results carry the CIS id, rules their CIS references", () => {
    const r = runCli(["scan", "--file", DUMP, "-o", "sarif"]);
    expect(r.code).toBe(0);
    const run = JSON.parse(r.stdout).runs[0];
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === "cluster.apiserver-authorization");
    expect(result.message.text).toMatch(/CIS 1\.2\.[678]/);
    expect(result.level).toBe("error");
    const rule = run.tool.driver.rules.find((x: { id: string }) => x.id === "cluster.apiserver-authorization");
    expect(rule.help.text).toContain("CIS Kubernetes Benchmark 1.2.6");
  });
});

// scan with accepted risks and baselines, as CI runs it (built CLI).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

const dir = mkdtempSync(join(tmpdir(), "kubeward-accept-scan-"));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const deployment = (name: string, annotations = "{}") => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ops
  annotations: ${annotations}
spec:
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      automountServiceAccountToken: false
      containers:
        - name: agent
          image: registry.example.com/agent@sha256:${"0".repeat(64)}
          securityContext:
            privileged: true
`;
const NS = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ops\n";
// The only critical of this input is pod.privileged on ops/agent.
const manifest = write("app.yaml", `${deployment("agent")}---\n${NS}`);
const config = (expires: string) =>
  write(
    `accept-${expires}.yaml`,
    `exceptions:\n  - check: pod.privileged\n    namespace: ops\n    name: agent\n    reason: node agent, reviewed\n    expires: ${expires}\n`,
  );

describe("scan --fail-on with accepted risks (built CLI)", () => {
  it("fails without an exception", () => {
    expect(runCli(["scan", "-f", manifest, "--fail-on", "critical"]).code).toBe(1);
  });

  it("exits 0 when the only critical is accepted, and 1 once the exception has expired", () => {
    const ok = runCli(["scan", "-f", manifest, "--config", config("2099-01-01"), "--fail-on", "critical"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/critical: 0 .* accepted: 1/);
    expect(ok.stdout).toContain("== Accepted (1) ==");
    const expired = runCli(["scan", "-f", manifest, "--config", config("2020-01-01"), "--fail-on", "critical"]);
    expect(expired.code).toBe(1);
    expect(expired.stdout).toContain("acceptance EXPIRED 2020-01-01: node agent, reviewed");
    const json = JSON.parse(runCli(["scan", "-f", manifest, "--config", config("2020-01-01"), "-o", "json"]).stdout);
    const f = json.findings.find((x: { check: string }) => x.check === "pod.privileged");
    expect(f.accepted).toBeUndefined();
    expect(f.acceptanceExpired).toMatchObject({ expires: "2020-01-01", reason: "node agent, reviewed" });
  });

  it("the accept annotation on the Deployment accepts it; JSON carries accepted with its source", () => {
    const annotated = write(
      "annotated.yaml",
      `${deployment("agent", '{"accept.kubeward.io/pod.privileged": "host agent; by=sre"}')}---\n${NS}`,
    );
    const r = runCli(["scan", "-f", annotated, "--fail-on", "critical", "-o", "json"]);
    expect(r.code).toBe(0);
    const f = JSON.parse(r.stdout).findings.find((x: { check: string }) => x.check === "pod.privileged");
    expect(f.accepted).toEqual({
      reason: "host agent",
      by: "sre",
      source: "annotation:Deployment ops/agent accept.kubeward.io/pod.privileged",
    });
  });

  it("--show-accepted lists and counts accepted findings with the others", () => {
    const r = runCli(["scan", "-f", manifest, "--config", config("2099-01-01"), "--show-accepted"]);
    expect(r.stdout).toMatch(/critical: 1 .* accepted: 1/);
    expect(r.stdout).not.toContain("== Accepted");
    expect(r.stdout).toContain("accepted: node agent, reviewed (until 2099-01-01)");
  });

  it("bad exception entries are reported with file and line; the good ones still accept", () => {
    const mixed = write(
      "mixed.yaml",
      "exceptions:\n  - check: pod.privileged\n  - check: pod.bogus\n    reason: r\n  - check: pod.privileged\n    reason: ok\n",
    );
    const r = runCli(["scan", "-f", manifest, "--config", mixed, "--fail-on", "critical"]);
    expect(r.stderr).toContain(`kubeward: ${mixed}:2: exceptions[0]: no reason for pod.privileged`);
    expect(r.stderr).toContain(`kubeward: ${mixed}:3: exceptions[1]: unknown check id "pod.bogus"`);
    expect(r.code).toBe(0);
  });
});

describe("scan --baseline (built CLI)", () => {
  it("marks new and unchanged, lists resolved, and --fail-on counts only new findings", () => {
    const before = runCli(["scan", "-f", manifest, "-o", "json"]);
    const baseline = write("baseline.json", before.stdout);
    // Same input: everything unchanged, nothing resolved, so --fail-on passes.
    const same = runCli(["scan", "-f", manifest, "--baseline", baseline, "-o", "json", "--fail-on", "critical"]);
    expect(same.code).toBe(0);
    const sameReport = JSON.parse(same.stdout);
    expect(new Set(sameReport.findings.map((f: { baseline: string }) => f.baseline))).toEqual(new Set(["unchanged"]));
    expect(sameReport.resolved).toEqual([]);
    // A second privileged Deployment is new; the first is still unchanged.
    const grown = write("grown.yaml", `${deployment("agent")}---\n${deployment("miner")}---\n${NS}`);
    const next = runCli(["scan", "-f", grown, "--baseline", baseline, "-o", "json", "--fail-on", "critical"]);
    expect(next.code).toBe(1);
    const states = JSON.parse(next.stdout).findings.filter((f: { check: string }) => f.check === "pod.privileged");
    expect(
      states.map((f: { resource: { name: string }; baseline: string }) => `${f.resource.name} ${f.baseline}`).sort(),
    ).toEqual(["agent unchanged", "miner new"]);
    // The agent gone: its findings are resolved.
    const shrunk = write("shrunk.yaml", NS);
    const gone = JSON.parse(runCli(["scan", "-f", shrunk, "--baseline", baseline, "-o", "json"]).stdout);
    expect(gone.resolved.map((f: { check: string }) => f.check)).toContain("pod.privileged");
    const text = runCli(["scan", "-f", shrunk, "--baseline", baseline]).stdout;
    expect(text).toMatch(/== Resolved since the baseline \(\d+\) ==\nCRITICAL pod.privileged {2}Deployment ops\/agent/);
  });

  it("a baseline that is not a report is a usage error (exit 2, one line)", () => {
    const r = runCli(["scan", "-f", manifest, "--baseline", write("nope.json", "[1]")]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("not a kubeward JSON report");
  });
});

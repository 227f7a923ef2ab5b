import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

describe("kubeward who-can (built CLI)", () => {
  it("answers who can get secrets in payments on the demo, as text", () => {
    const r = runCli(["who-can", "get", "secrets", "-n", "payments", "--demo"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/SUBJECT\s+VIA BINDING → ROLE\s+SCOPE/);
    expect(r.stdout).toMatch(
      /Group system:authenticated\s+ClusterRoleBinding all-users-read-secrets → ClusterRole secrets-viewer\s+cluster/,
    );
    expect(r.stdout).toContain("ServiceAccount monitoring/prometheus");
    expect(r.stdout).not.toContain("payments/api");
  });

  it("prints {query, answers} as JSON and honours --name", () => {
    const r = runCli(["who-can", "get", "secrets", "-n", "payments", "--name", "stripe-key", "--demo", "-o", "json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.query).toEqual({ verb: "get", resource: "secrets", namespace: "payments", name: "stripe-key" });
    const api = out.answers.find((a: { subject: { name: string } }) => a.subject.name === "api");
    expect(api).toMatchObject({ role: { kind: "Role", name: "stripe-key-reader" }, resourceNames: ["stripe-key"] });
  });

  it("exits 2 when the verb or resource is missing", () => {
    const r = runCli(["who-can", "get", "--demo"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/usage: kubeward who-can VERB RESOURCE/);
  });
});

// Issue 14 on a real API server: a user who cannot list NetworkPolicies in team-a gets
// no network verdict there (team-a has a default-deny policy), a partial report and exit
// 2; a user who can list nothing gets exit 2 even with --fail-on low finding nothing.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { KINDS, type KindInfo } from "../../src/cluster/objects.js";
import { applyObjects, kubectl, kubeward, pod, useControlPlane } from "./harness.js";

const cp = useControlPlane();
const work = mkdtempSync(join(tmpdir(), "kubeward-partial-"));
const NS = "team-a";

/** A kubeconfig for ServiceAccount `name` in team-a, with a fresh token. */
async function saKubeconfig(name: string): Promise<string> {
  const token = (await kubectl(cp(), ["-n", NS, "create", "token", name, "--duration=1h"])).trim();
  const admin = parse(readFileSync(cp().adminKubeconfig, "utf8")) as {
    clusters: { name: string; cluster: Record<string, string> }[];
  };
  const cfg = {
    apiVersion: "v1",
    kind: "Config",
    clusters: admin.clusters,
    users: [{ name, user: { token } }],
    contexts: [{ name, context: { cluster: admin.clusters[0]!.name, user: name } }],
    "current-context": name,
  };
  const file = join(work, `${name}.kubeconfig`);
  writeFileSync(file, stringify(cfg));
  return file;
}

const READ = ["get", "list", "watch"];

beforeAll(async () => {
  await cp().createNamespace(NS);
  await applyObjects(cp(), [
    pod(NS, "web"),
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "default-deny", namespace: NS },
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    },
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "netblind", namespace: NS } },
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "nobody", namespace: NS } },
    // Everything kubeward reads in team-a except networkpolicies, and the cluster-scoped kinds
    // (from KINDS, so a kind added later is granted too; optional kinds not installed are fine).
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: { name: "netblind", namespace: NS },
      rules: rulesFor(KINDS.filter((k) => k.namespaced && k.plural !== "networkpolicies")),
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "netblind", namespace: NS },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "netblind" },
      subjects: [{ kind: "ServiceAccount", name: "netblind", namespace: NS }],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: "netblind-cluster" },
      rules: rulesFor(KINDS.filter((k) => !k.namespaced)),
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: "netblind-cluster" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "netblind-cluster" },
      subjects: [{ kind: "ServiceAccount", name: "netblind", namespace: NS }],
    },
  ]);
}, 120_000);

/** RBAC rules granting read access to these kinds. */
function rulesFor(kinds: readonly KindInfo[]) {
  return kinds.map((k) => ({
    apiGroups: [k.apiVersion.includes("/") ? k.apiVersion.split("/")[0]! : ""],
    resources: [k.plural],
    verbs: READ,
  }));
}

interface Report {
  findings: { check: string; panel: string; resource: { namespace?: string; name: string } }[];
  namespaces: { name: string; segmentation?: string }[];
  workloads: { name: string; namespace: string; isolation?: unknown; isolationUnknown?: string }[];
  problems: { kind?: string; state?: string; scope?: string; permission?: string }[];
}

describe("verdicts depend on what was seen (real API server)", () => {
  it("networkpolicies forbidden in team-a: no network finding there, segmentation unknown, exit 2", async () => {
    const kc = await saKubeconfig("netblind");
    const r = kubeward(["scan", "-n", NS, "-o", "json"], kc);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.findings.filter((f) => f.panel === "network")).toEqual([]);
    expect(report.findings.map((f) => f.check)).not.toContain("net.namespace-unsegmented");
    expect(report.namespaces.find((n) => n.name === NS)?.segmentation).toBe("unknown");
    const web = report.workloads.find((w) => w.name === "web")!;
    expect(web.isolation).toBeNull();
    expect(web.isolationUnknown).toMatch(/NetworkPolicy forbidden/);
    expect(report.problems).toEqual([
      expect.objectContaining({
        kind: "NetworkPolicy",
        state: "forbidden",
        scope: NS,
        permission: expect.stringMatching(/^list networkpolicies\.networking\.k8s\.io in namespace team-a/),
      }),
    ]);
    // What it could read is still analysed.
    expect(report.findings.map((f) => `${f.check} ${f.resource.name}`)).toContain("pod.privileged web");
    expect(r.code).toBe(2);

    const text = kubeward(["scan", "-n", NS], kc);
    expect(text.stdout.split("\n")[1]).toMatch(/^PARTIAL REPORT/);
    expect(text.stdout.split("\n")[2]).toMatch(/NetworkPolicy \(namespace team-a\): forbidden/);
    expect(kubeward(["scan", "-n", NS, "--allow-partial"], kc).code).toBe(0);
  });

  it("with the permission granted, team-a is default-deny and still has no network finding, exit 0", async () => {
    await applyObjects(cp(), [
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "Role",
        metadata: { name: "netblind-np", namespace: NS },
        rules: [{ apiGroups: ["networking.k8s.io"], resources: ["networkpolicies"], verbs: READ }],
      },
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: { name: "netblind-np", namespace: NS },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "netblind-np" },
        subjects: [{ kind: "ServiceAccount", name: "netblind", namespace: NS }],
      },
    ]);
    const kc = await saKubeconfig("netblind");
    const r = kubeward(["scan", "-n", NS, "-o", "json"], kc);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.namespaces.find((n) => n.name === NS)?.segmentation).toBe("default-deny");
    expect(report.problems).toEqual([]);
    expect(r.code).toBe(0);
  });

  it("every kind forbidden: exit 2 with --fail-on low, every kind in problems", async () => {
    const kc = await saKubeconfig("nobody");
    const r = kubeward(["scan", "-n", NS, "-o", "json", "--fail-on", "low"], kc);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.findings).toEqual([]);
    expect(report.problems.filter((p) => p.state === "forbidden").length).toBeGreaterThanOrEqual(18);
    expect(r.code).toBe(2);
  });
});

// Objects without metadata.namespace (helm template, plain manifest folders) are
// analysed where `kubectl apply -f` would put them: `-n NS`, else "default". Every
// engine agrees: findings, isolation, segmentation and who-can are the same as for
// the same objects written with that namespace.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { stringify } from "yaml";
import { main } from "../../src/cli.js";

function manifests(namespace?: string): Record<string, unknown>[] {
  const meta = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    ...(namespace ? { namespace } : {}),
    ...extra,
  });
  const deployment = (name: string, sa: string) => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: meta(name),
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { serviceAccountName: sa, containers: [{ name: "app", image: "nginx:1.27" }] },
      },
    },
  });
  return [
    { apiVersion: "v1", kind: "ServiceAccount", metadata: meta("web") },
    deployment("web", "web"),
    deployment("db", "default"),
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: meta("db-ingress"),
      spec: {
        podSelector: { matchLabels: { app: "db" } },
        policyTypes: ["Ingress"],
        ingress: [{ from: [{ podSelector: { matchLabels: { app: "web" } } }] }],
      },
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: meta("secret-reader"),
      rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] }],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: meta("web-reads-secrets"),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "secret-reader" },
      // A ServiceAccount subject without a namespace is in the binding's namespace.
      subjects: [{ kind: "ServiceAccount", name: "web" }],
    },
  ];
}

function dirWith(namespace?: string): string {
  const dir = mkdtempSync(join(tmpdir(), "kubeward-nsless-"));
  writeFileSync(
    join(dir, "all.yaml"),
    manifests(namespace)
      .map((m) => stringify(m))
      .join("---\n"),
  );
  return dir;
}

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  try {
    const code = await main(args);
    return { code, out };
  } finally {
    spy.mockRestore();
  }
}

/** The parts of a JSON report that must not depend on how the namespace was given. */
async function report(dir: string, extra: string[] = []) {
  const { out } = await run(["scan", "-f", dir, "-o", "json", ...extra]);
  const r = JSON.parse(out);
  return { findings: r.findings, workloads: r.workloads, namespaces: r.namespaces, subjects: r.subjects };
}

async function whoCan(dir: string, namespace: string) {
  const { out } = await run(["who-can", "get", "secrets", "-n", namespace, "-f", dir, "-o", "json"]);
  return JSON.parse(out).answers as { subject: { kind: string; namespace?: string; name: string } }[];
}

describe("objects without a namespace", () => {
  afterEach(() => vi.restoreAllMocks());

  it("give the same findings, isolation and segmentation as the same objects in namespace default", async () => {
    const without = await report(dirWith());
    const withDefault = await report(dirWith("default"));
    expect(without).toEqual(withDefault);
    // The network engine sees the policy and the Deployments it selects: db is isolated for ingress.
    const db = without.workloads.find((w: { name: string }) => w.name === "db");
    expect(db).toMatchObject({ namespace: "default", isolation: { ingress: true, egress: false } });
    const web = without.workloads.find((w: { name: string }) => w.name === "web");
    expect(web).toMatchObject({ namespace: "default", isolation: { ingress: false, egress: false } });
    expect(without.namespaces.find((n: { name: string }) => n.name === "default")).toMatchObject({
      segmentation: "partial",
    });
    expect(without.subjects).toContainEqual(
      expect.objectContaining({ kind: "ServiceAccount", namespace: "default", name: "web" }),
    );
  });

  it("answer who-can the same way", async () => {
    const without = await whoCan(dirWith(), "default");
    const withDefault = await whoCan(dirWith("default"), "default");
    expect(without).toEqual(withDefault);
    expect(without.map((a) => a.subject)).toContainEqual({ kind: "ServiceAccount", namespace: "default", name: "web" });
  });

  it("land in the namespace -n names, as kubectl apply -n would put them", async () => {
    const without = await report(dirWith(), ["-n", "team-a"]);
    const inTeamA = await report(dirWith("team-a"));
    expect(without).toEqual(inTeamA);
    expect(without.workloads.every((w: { namespace: string }) => w.namespace === "team-a")).toBe(true);
    expect(without.namespaces.map((n: { name: string }) => n.name)).toEqual(["team-a"]);
    const answers = await whoCan(dirWith(), "team-a");
    expect(answers.map((a) => a.subject)).toContainEqual({ kind: "ServiceAccount", namespace: "team-a", name: "web" });
  });

  it("a cluster-scoped object keeps no namespace, even when a chart sets one (the API server ignores it)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kubeward-nsless-"));
    const crb = (namespace?: string) => ({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: "web-admin", ...(namespace ? { namespace } : {}) },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
      subjects: [{ kind: "ServiceAccount", name: "web", namespace: "shop" }],
    });
    writeFileSync(join(dir, "crb.yaml"), stringify(crb("team-a")));
    const other = mkdtempSync(join(tmpdir(), "kubeward-nsless-"));
    writeFileSync(join(other, "crb.yaml"), stringify(crb()));
    const withNs = await report(dir, ["-n", "team-a"]);
    expect(withNs).toEqual(await report(other));
    const admin = withNs.findings.find((f: { check: string }) => f.check === "rbac.cluster-admin");
    expect(admin.fix.target).toEqual({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      name: "web-admin",
    });
  });
});

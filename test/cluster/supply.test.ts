// The image supply chain against a real kube-apiserver: CRDs for trivy-operator's
// reports, Kyverno's ClusterPolicy and sigstore's ClusterImagePolicy (written from
// their published APIs, test/cluster/crds/supply.yaml), real-shaped objects, API
// discovery (absent CRDs are "not installed", never an error), findings that appear
// and clear live as reports and policies change, and a user who may not read these
// kinds sees "forbidden" on them only.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Finding } from "../../src/analysis/finding.js";
import { LiveSource } from "../../src/cluster/live.js";
import { Session } from "../../src/commands/session.js";
import { deploymentChain, exposedSecretReport, kyvernoClusterPolicy, vulnerabilityReport } from "../support/supply.js";
import { applyObjects as applyRaw, kubectl, kubeward, poll, useControlPlane } from "./harness.js";

const NS = "shop";
const cp = useControlPlane();
const CRDS = readFileSync(new URL("./crds/supply.yaml", import.meta.url), "utf8");
const SUPPLY_KINDS = ["VulnerabilityReport", "ExposedSecretReport", "ClusterPolicy", "ClusterImagePolicy"];

type Json = Record<string, unknown>;

/** Applies objects without the uids the test builders give them (the server sets those; an update may not change them). */
function applyObjects(c: ReturnType<typeof cp>, objects: unknown[]): Promise<void> {
  return applyRaw(
    c,
    objects.map((o) => {
      const copy = structuredClone(o) as Json;
      if (copy.metadata) delete (copy.metadata as Json).uid;
      return copy;
    }),
  );
}

/** The Deployment → ReplicaSet chain, with the ReplicaSet owned by the Deployment's real uid (no controller-manager runs). */
async function applyDeployment(name: string, image: string): Promise<void> {
  const [deployment, rs] = deploymentChain(NS, name, image) as [Json, Json];
  const meta = (o: Json) => o.metadata as Json;
  delete meta(deployment).uid;
  (deployment.spec as Json).selector = { matchLabels: { app: name } };
  await applyObjects(cp(), [deployment]);
  const uid = await kubectl(cp(), ["-n", NS, "get", "deployment", name, "-o", "jsonpath={.metadata.uid}"]);
  delete meta(rs).uid;
  meta(rs).ownerReferences = [{ apiVersion: "apps/v1", kind: "Deployment", name, uid, controller: true }];
  (rs.spec as Json).selector = { matchLabels: { app: name } };
  await applyObjects(cp(), [rs]);
}

const reportForWeb = () =>
  vulnerabilityReport({
    namespace: NS,
    kind: "ReplicaSet",
    name: "web-7d9f8",
    container: "app",
    repository: "library/nginx",
    tag: "1.25.3",
  });

function scanJson(extra: string[] = []) {
  const r = kubeward(["scan", "-o", "json", ...extra], cp().kubewardKubeconfig);
  if (r.code !== 0) throw new Error(`scan exited ${r.code}: ${r.stderr}`);
  return { report: JSON.parse(r.stdout) as { findings: Finding[] }, stderr: r.stderr };
}

const at = (findings: readonly Finding[], check: string) =>
  findings.filter((f) => f.check === check).map((f) => `${f.resource.kind} ${f.resource.namespace}/${f.resource.name}`);

let session: Session | undefined;
afterAll(() => session?.stop());

beforeAll(async () => {
  await cp().createNamespace(NS);
  await applyDeployment("web", "nginx:1.25.3");
  await applyDeployment("api", "ghcr.io/acme/api:2.0");
}, 120_000);

describe("supply chain on a live cluster", () => {
  it("without the CRDs the optional kinds are not installed: no error, no forbidden, the rest is analysed", () => {
    const { report, stderr } = scanJson();
    for (const k of SUPPLY_KINDS) expect(stderr).not.toContain(k);
    expect(
      at(report.findings, "image.mutable-tag").length + at(report.findings, "image.no-digest").length,
    ).toBeGreaterThan(0);
    expect(report.findings.some((f) => f.check.startsWith("image.vulnerable"))).toBe(false);
  });

  it("with the CRDs installed, a user without access to those kinds sees forbidden on them only", async () => {
    await kubectl(cp(), ["apply", "-f", "-"], { input: CRDS });
    await kubectl(cp(), ["wait", "--for", "condition=established", "--timeout=60s", "crd", "--all"]);
    await applyObjects(cp(), [
      reportForWeb(),
      exposedSecretReport({
        namespace: NS,
        kind: "ReplicaSet",
        name: "web-7d9f8",
        container: "app",
        repository: "library/nginx",
        tag: "1.25.3",
      }),
      kyvernoClusterPolicy({ name: "verify-ghcr", imageReferences: ["ghcr.io/acme/*"] }),
    ]);
    // Unreadable kinds make the report partial: exit 2, unless --allow-partial.
    expect(kubeward(["scan", "-o", "json"], cp().kubewardKubeconfig).code).toBe(2);
    const { report, stderr } = scanJson(["--allow-partial"]);
    for (const k of SUPPLY_KINDS) expect(stderr).toMatch(new RegExp(`${k}: forbidden — missing permission: list`));
    for (const k of ["Pod", "Deployment", "ReplicaSet", "Namespace"]) expect(stderr).not.toContain(`${k}: forbidden`);
    expect(
      at(report.findings, "pod.run-as-non-root").length + at(report.findings, "image.no-digest").length,
    ).toBeGreaterThan(0);
  });

  it("once readable, the findings appear: vulnerable (climbed to the Deployment), exposed secret, scan missing, unverified", async () => {
    await applyObjects(cp(), [
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "ClusterRole",
        metadata: { name: "kubeward-supply-reader" },
        rules: [
          {
            apiGroups: ["aquasecurity.github.io"],
            resources: ["vulnerabilityreports", "exposedsecretreports"],
            verbs: ["get", "list", "watch"],
          },
          { apiGroups: ["kyverno.io"], resources: ["clusterpolicies", "policies"], verbs: ["get", "list", "watch"] },
          {
            apiGroups: ["policies.kyverno.io"],
            resources: ["imagevalidatingpolicies"],
            verbs: ["get", "list", "watch"],
          },
          { apiGroups: ["policy.sigstore.dev"], resources: ["clusterimagepolicies"], verbs: ["get", "list", "watch"] },
        ],
      },
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "ClusterRoleBinding",
        metadata: { name: "kubeward-supply-reader" },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "kubeward-supply-reader" },
        subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "kubeward" }],
      },
    ]);
    const { report, stderr } = await poll("the supply kinds to be readable", () => {
      const r = scanJson();
      return r.stderr.includes("forbidden") ? undefined : r;
    });
    expect(stderr).toBe("");
    expect(at(report.findings, "image.vulnerable")).toEqual(["Deployment shop/web"]);
    expect(at(report.findings, "image.exposed-secret")).toEqual(["Deployment shop/web"]);
    expect(at(report.findings, "image.scan-missing")).toEqual(["Deployment shop/api"]);
    expect(report.findings.find((f) => f.check === "image.unverified" && f.resource.name === "api")?.severity).toBe(
      "low",
    );
    expect(report.findings.find((f) => f.check === "image.unverified" && f.resource.name === "web")?.severity).toBe(
      "medium",
    );
    expect(JSON.stringify(report)).not.toContain("AKIAIOSFODNN7EXAMPLE");
  });

  it("live: findings follow reports and policies as they change", async () => {
    session = new Session(
      new LiveSource({
        kubeconfig: { paths: [cp().kubewardKubeconfig], origin: "flag" },
        watch: true,
        onFatal: "report",
      }),
    );
    await session.start();
    const now = (check: string) => at(session!.analyze().findings, check);
    await poll("the first analysis with reports", () => now("image.vulnerable").length === 1);
    expect(session.store.kindStatus("ClusterImagePolicy")).toMatchObject({ state: "connected", synced: true });

    // A second report keeps a vulnerability source in view once web's is gone.
    await applyObjects(cp(), [
      vulnerabilityReport({
        namespace: NS,
        kind: "ReplicaSet",
        name: "api-7d9f8",
        container: "app",
        repository: "acme/api",
        tag: "2.0",
        server: "ghcr.io",
        vulns: [],
      }),
    ]);
    await poll("api's scan to be seen", () => !now("image.scan-missing").includes("Deployment shop/api"));
    await kubectl(cp(), ["-n", NS, "delete", "vulnerabilityreport", "replicaset-web-7d9f8-app"]);
    await poll("image.vulnerable to clear", () => now("image.vulnerable").length === 0);
    await poll("web's image to be unscanned", () => now("image.scan-missing").includes("Deployment shop/web"));

    await applyObjects(cp(), [reportForWeb()]);
    await poll("image.vulnerable to come back", () => now("image.vulnerable").includes("Deployment shop/web"));

    await applyObjects(cp(), [
      kyvernoClusterPolicy({ name: "verify-ghcr", imageReferences: ["ghcr.io/acme/*"], failureAction: "Enforce" }),
    ]);
    await poll(
      "api's image.unverified to clear (Enforce)",
      () => !now("image.unverified").includes("Deployment shop/api"),
    );

    await kubectl(cp(), ["label", "namespace", NS, "policy.sigstore.dev/include=true"]);
    await applyObjects(cp(), [
      {
        apiVersion: "policy.sigstore.dev/v1beta1",
        kind: "ClusterImagePolicy",
        metadata: { name: "signed-hub" },
        spec: {
          images: [{ glob: "index.docker.io/library/*" }],
          authorities: [{ keyless: { url: "https://fulcio.sigstore.dev" } }],
        },
      },
    ]);
    await poll(
      "web's image.unverified to clear (sigstore, opted-in namespace)",
      () => !now("image.unverified").includes("Deployment shop/web"),
    );
  });
});

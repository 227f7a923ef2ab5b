import { describe, expect, it } from "vitest";
import { analyze } from "../../../test/support/store.js";
import { DIGEST_A, DIGEST_B, deploymentChain, VULNS, vulnerabilityReport } from "../../../test/support/supply.js";
import { type SupplyModel, vulnsWorstFirst } from "./model.js";

const CHECK = "image.vulnerable";
const of = (raws: unknown[]) => analyze(raws).result;
const vulnerable = (raws: unknown[]) => of(raws).findings.filter((f) => f.check === CHECK);
const where = (f: { resource: { kind: string; namespace?: string; name: string } }) =>
  `${f.resource.kind} ${f.resource.namespace}/${f.resource.name}`;

describe(CHECK, () => {
  it("joins a trivy-operator report on a ReplicaSet to the Deployment the user edits (owner climb), one finding", () => {
    const report = vulnerabilityReport({
      namespace: "shop",
      kind: "ReplicaSet",
      name: "web-7d9f8",
      container: "app",
      repository: "library/nginx",
      tag: "1.25.3",
    });
    const f = vulnerable([...deploymentChain("shop", "web", "nginx:1.25.3"), report]);
    expect(f.map(where)).toEqual(["Deployment shop/web"]);
    expect(f[0]).toMatchObject({ container: "app", panel: "images", path: "spec.template.spec.containers[0].image" });
    expect(f[0]!.message).toContain("2 critical, 1 high, 1 medium (2 with a fix)");
    expect(f[0]!.message).toContain("CVE-2024-0001 openssl 3.0.11 → 3.0.13");
    expect(f[0]!.related?.[0]).toMatchObject({ kind: "VulnerabilityReport", name: "replicaset-web-7d9f8-app" });
  });

  it("climbs by the report's labels even when the tag differs (owner match)", () => {
    const report = vulnerabilityReport({
      namespace: "shop",
      kind: "ReplicaSet",
      name: "web-7d9f8",
      container: "app",
      repository: "library/other",
      tag: "9",
    });
    expect(vulnerable([...deploymentChain("shop", "web", "nginx:1.25.3"), report]).map(where)).toEqual([
      "Deployment shop/web",
    ]);
  });

  it("severity is the worst fixable one; an unfixed critical alone ranks high and says so", () => {
    const fixable = vulnerable([
      ...deploymentChain("shop", "web", "nginx:1.25.3"),
      vulnerabilityReport({
        namespace: "shop",
        kind: "ReplicaSet",
        name: "web-7d9f8",
        container: "app",
        repository: "library/nginx",
        tag: "1.25.3",
      }),
    ]);
    expect(fixable[0]!.severity).toBe("critical");
    const unfixedOnly = vulnerable([
      ...deploymentChain("shop", "web", "nginx:1.25.3"),
      vulnerabilityReport({
        namespace: "shop",
        kind: "ReplicaSet",
        name: "web-7d9f8",
        container: "app",
        repository: "library/nginx",
        tag: "1.25.3",
        vulns: [VULNS[1]!, VULNS[3]!],
      }),
    ]);
    expect(unfixedOnly[0]!.severity).toBe("high");
    expect(unfixedOnly[0]!.message).toContain("worst without a fix: critical (ranked high)");
    expect(unfixedOnly[0]!.message).toContain("(0 with a fix)");
  });

  it("matches by digest before tag: the pod's running digest finds a report the tag would not", () => {
    // A report of another namespace's workload: no owner match; same tag would match too, so use a digest-only report.
    const report = vulnerabilityReport({
      namespace: "other",
      kind: "ReplicaSet",
      name: "elsewhere-1",
      container: "main",
      repository: "library/nginx",
      tag: "1.99",
      digest: DIGEST_A,
    });
    const f = vulnerable([...deploymentChain("shop", "web", "nginx:1.25.3", DIGEST_A), report]);
    // The Deployment's template names only a tag (no match); its pod runs the digest: the pod reports it.
    expect(f.map(where)).toEqual(["Pod shop/web-7d9f8-x1"]);
    expect(f[0]!.path).toBe("status.containerStatuses[app].imageID");
  });

  it("a different digest under the same tag is another image: the digest wins over the tag", () => {
    const byTag = vulnerabilityReport({
      namespace: "other",
      kind: "ReplicaSet",
      name: "elsewhere-1",
      container: "main",
      repository: "library/nginx",
      tag: "1.25.3",
      digest: DIGEST_B,
      vulns: [VULNS[2]!],
    });
    const byDigest = vulnerabilityReport({
      namespace: "other",
      kind: "ReplicaSet",
      name: "elsewhere-2",
      container: "main",
      repository: "library/nginx",
      tag: "old",
      digest: DIGEST_A,
      vulns: [VULNS[0]!],
    });
    const raws = [...deploymentChain("shop", "web", "nginx:1.25.3", DIGEST_A), byTag, byDigest];
    const pod = vulnerable(raws).find((f) => f.resource.kind === "Pod");
    expect(pod?.related?.[0]?.name).toBe("replicaset-elsewhere-2-main");
    expect(pod?.severity).toBe("critical");
    const deployment = vulnerable(raws).find((f) => f.resource.kind === "Deployment");
    expect(deployment?.related?.[0]?.name).toBe("replicaset-elsewhere-1-main");
  });

  it("is silent without a report, and for a report with no vulnerabilities", () => {
    expect(vulnerable(deploymentChain("shop", "web", "nginx:1.25.3"))).toEqual([]);
    const empty = vulnerabilityReport({
      namespace: "shop",
      kind: "ReplicaSet",
      name: "web-7d9f8",
      container: "app",
      repository: "library/nginx",
      tag: "1.25.3",
      vulns: [],
    });
    expect(vulnerable([...deploymentChain("shop", "web", "nginx:1.25.3"), empty])).toEqual([]);
  });

  it("keeps only the shown fields of a report, worst first, and names a malformed entry as a problem", () => {
    const report = vulnerabilityReport({
      namespace: "shop",
      kind: "ReplicaSet",
      name: "web-7d9f8",
      container: "app",
      repository: "library/nginx",
      tag: "1.25.3",
    });
    (report.report as { vulnerabilities: unknown[] }).vulnerabilities.push({ vulnerabilityID: 7, severity: "HIGH" });
    const result = of([...deploymentChain("shop", "web", "nginx:1.25.3"), report]);
    const model = result.models.get("supply") as SupplyModel;
    const scan = model.vulns.all[0]!;
    expect(Object.keys(scan.vulnerabilities[0]!).sort()).toEqual(
      [
        "fixedVersion",
        "installedVersion",
        "primaryLink",
        "resource",
        "score",
        "severity",
        "title",
        "vulnerabilityID",
      ].sort(),
    );
    expect(vulnsWorstFirst(scan).map((v) => v.vulnerabilityID)).toEqual([
      "CVE-2024-0001",
      "CVE-2024-0002",
      "CVE-2024-0003",
      "CVE-2024-0004",
    ]);
    expect(model.problems).toEqual([
      {
        where: "VulnerabilityReport shop/replicaset-web-7d9f8-app: report.vulnerabilities[4].vulnerabilityID",
        message: "missing or malformed: not read",
      },
    ]);
  });

  it("never throws on a report of the wrong shape", () => {
    const bad = {
      apiVersion: "aquasecurity.github.io/v1alpha1",
      kind: "VulnerabilityReport",
      metadata: { name: "x", namespace: "shop" },
      report: "nope",
    };
    expect(() => of([...deploymentChain("shop", "web", "nginx:1.25.3"), bad])).not.toThrow();
  });
});

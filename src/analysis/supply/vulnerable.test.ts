import { describe, expect, it } from "vitest";
import { analyze } from "../../../test/support/store.js";
import {
  DIGEST_A,
  DIGEST_B,
  VULNS,
  vulnerabilityReport,
  WEB_SUBJECT,
  webChain,
  webVulnerabilityReport,
} from "../../../test/support/supply.js";
import { type SupplyModel, vulnsWorstFirst } from "./model.js";

const CHECK = "image.vulnerable";
const of = (raws: unknown[]) => analyze(raws).result;
const vulnerable = (raws: unknown[]) => of(raws).findings.filter((f) => f.check === CHECK);
const where = (f: { resource: { kind: string; namespace?: string; name: string } }) =>
  `${f.resource.kind} ${f.resource.namespace}/${f.resource.name}`;
/** A report of another namespace's workload: it can match shop/web only by image, never by owner. */
const ELSEWHERE = { namespace: "other", kind: "ReplicaSet", container: "main", repository: "library/nginx" };

describe(CHECK, () => {
  it("joins a trivy-operator report on a ReplicaSet to the Deployment the user edits (owner climb), one finding", () => {
    const report = webVulnerabilityReport();
    const f = vulnerable([...webChain(), report]);
    expect(f.map(where)).toEqual(["Deployment shop/web"]);
    expect(f[0]).toMatchObject({ container: "app", panel: "images", path: "spec.template.spec.containers[0].image" });
    expect(f[0]!.message).toContain("2 critical, 1 high, 1 medium (2 with a fix)");
    expect(f[0]!.message).toContain("CVE-2024-0001 openssl 3.0.11 → 3.0.13");
    expect(f[0]!.related?.[0]).toMatchObject({ kind: "VulnerabilityReport", name: "replicaset-web-7d9f8-app" });
  });

  it("climbs by the report's labels even when the tag differs (owner match)", () => {
    const report = vulnerabilityReport({ ...WEB_SUBJECT, repository: "library/other", tag: "9" });
    expect(vulnerable([...webChain(), report]).map(where)).toEqual(["Deployment shop/web"]);
  });

  it("severity is the worst fixable one; an unfixed critical alone ranks high and says so", () => {
    const fixable = vulnerable([...webChain(), webVulnerabilityReport()]);
    expect(fixable[0]!.severity).toBe("critical");
    const unfixedOnly = vulnerable([...webChain(), webVulnerabilityReport([VULNS[1]!, VULNS[3]!])]);
    expect(unfixedOnly[0]!.severity).toBe("high");
    expect(unfixedOnly[0]!.message).toContain("worst without a fix: critical (ranked high)");
    expect(unfixedOnly[0]!.message).toContain("(0 with a fix)");
  });

  it("matches by digest before tag: the pod's running digest finds a report the tag would not", () => {
    // A report of another namespace's workload: no owner match; same tag would match too, so use a digest-only report.
    const report = vulnerabilityReport({ ...ELSEWHERE, name: "elsewhere-1", tag: "1.99", digest: DIGEST_A });
    const f = vulnerable([...webChain(DIGEST_A), report]);
    // The Deployment's template names only a tag (no match); its pod runs the digest: the pod reports it.
    expect(f.map(where)).toEqual(["Pod shop/web-7d9f8-x1"]);
    expect(f[0]!.path).toBe("status.containerStatuses[app].imageID");
  });

  it("a different digest under the same tag is another image: the digest wins over the tag", () => {
    const byTag = vulnerabilityReport({
      ...ELSEWHERE,
      name: "elsewhere-1",
      tag: "1.25.3",
      digest: DIGEST_B,
      vulns: [VULNS[2]!],
    });
    const byDigest = vulnerabilityReport({
      ...ELSEWHERE,
      name: "elsewhere-2",
      tag: "old",
      digest: DIGEST_A,
      vulns: [VULNS[0]!],
    });
    const raws = [...webChain(DIGEST_A), byTag, byDigest];
    const pod = vulnerable(raws).find((f) => f.resource.kind === "Pod");
    expect(pod?.related?.[0]?.name).toBe("replicaset-elsewhere-2-main");
    expect(pod?.severity).toBe("critical");
    const deployment = vulnerable(raws).find((f) => f.resource.kind === "Deployment");
    expect(deployment?.related?.[0]?.name).toBe("replicaset-elsewhere-1-main");
  });

  it("is silent without a report, and for a report with no vulnerabilities", () => {
    expect(vulnerable(webChain())).toEqual([]);
    const empty = webVulnerabilityReport([]);
    expect(vulnerable([...webChain(), empty])).toEqual([]);
  });

  it("keeps only the shown fields of a report, worst first, and names a malformed entry as a problem", () => {
    const report = webVulnerabilityReport();
    (report.report as { vulnerabilities: unknown[] }).vulnerabilities.push({ vulnerabilityID: 7, severity: "HIGH" });
    const result = of([...webChain(), report]);
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
    expect(() => of([...webChain(), bad])).not.toThrow();
  });
});

import { describe, expect, it } from "vitest";
import { analyze } from "../../../test/support/store.js";
import { webChain, webVulnerabilityReport } from "../../../test/support/supply.js";

const CHECK = "path.reachable-privileged-vulnerable";
type Json = Record<string, unknown>;

function privileged(chain: Json[]): Json[] {
  for (const o of chain) {
    const spec = (o.kind === "Pod" ? o.spec : ((o.spec as Json).template as Json).spec) as { containers: Json[] };
    spec.containers[0]!.securityContext = { privileged: true };
  }
  return chain;
}
const lb = {
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "web", namespace: "shop", uid: "uid-svc-web" },
  spec: { type: "LoadBalancer", selector: { app: "web" }, ports: [{ port: 80 }] },
};
const ns = { apiVersion: "v1", kind: "Namespace", metadata: { name: "shop", uid: "uid-ns-shop" } };
const paths = (raws: unknown[]) => analyze(raws).result.findings.filter((f) => f.check === CHECK);

describe(CHECK, () => {
  it("a privileged Deployment behind a LoadBalancer with a fixable critical CVE: critical, above its parts, chained", () => {
    const { result } = analyze([ns, ...privileged(webChain()), webVulnerabilityReport(), lb]);
    const p = result.findings.filter((f) => f.check === CHECK);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({
      severity: "critical",
      panel: "images",
      resource: { kind: "Deployment", name: "web" },
    });
    expect(p[0]!.message).toContain("Service web (LoadBalancer)");
    const ids = new Set(result.findings.map((f) => f.id));
    const parts = result.findings.filter((f) => p[0]!.chain?.includes(f.id));
    expect(parts.map((f) => f.check)).toEqual(expect.arrayContaining(["image.vulnerable", "pod.privileged"]));
    for (const id of p[0]!.chain ?? []) expect(ids).toContain(id);
  });

  it("reachable from any pod when no NetworkPolicy isolates it", () => {
    expect(paths([ns, ...privileged(webChain()), webVulnerabilityReport()])[0]?.message).toMatch(
      /reachable from any pod/,
    );
  });

  it("no path without each part: not privileged, only an unfixed critical, or isolated and not exposed", () => {
    expect(paths([ns, ...webChain(), webVulnerabilityReport(), lb])).toEqual([]);
    const unfixed = [{ id: "CVE-1", pkg: "zlib", installed: "1", severity: "CRITICAL" as const }];
    expect(paths([ns, ...privileged(webChain()), webVulnerabilityReport(unfixed), lb])).toEqual([]);
    const denyAll = {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "deny", namespace: "shop", uid: "uid-np" },
      spec: { podSelector: {}, policyTypes: ["Ingress"] },
    };
    expect(paths([ns, ...privileged(webChain()), webVulnerabilityReport(), denyAll])).toEqual([]);
  });
});

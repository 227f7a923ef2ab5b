// cluster.alpha-apis: the API server serves alpha API versions (seeds: "turn off
// alpha APIs"). Alpha APIs are off by default, may change or vanish without
// notice, and get less security review. One finding lists them all.
import { makeFinding } from "../finding.js";
import type { ClusterCheck } from "./view.js";

/** The served group versions whose version is an alpha ("v1alpha1", "v2alpha3"), sorted. */
export function alphaGroupVersions(groupVersions: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const gv of groupVersions) {
    if (typeof gv !== "string") continue;
    const version = gv.slice(gv.lastIndexOf("/") + 1);
    if (/^v\d+alpha\d*$/.test(version)) out.add(gv);
  }
  return [...out].sort();
}

export const alphaApis: ClusterCheck = {
  meta: {
    id: "cluster.alpha-apis",
    title: "Alpha APIs served",
    severity: "medium",
    panel: "cluster",
    description:
      "The API server serves alpha group versions, turned on with --runtime-config (or by an aggregated API server). Alpha APIs are off by default for a reason: they may be buggy, change incompatibly, and have had less security review; each one widens what can be attacked.",
    remediation:
      "Remove the alpha group versions from kube-apiserver's --runtime-config (and the matching --feature-gates) unless a workload truly needs them; for an aggregated API, remove its APIService.",
    references: [
      "Kubernetes docs: API Overview — API versioning (alpha)",
      "Kubernetes docs: Enable or disable a Kubernetes API (--runtime-config)",
    ],
  },
  detect(view) {
    const served = view.server?.groupVersions;
    if (!served || !view.serverObject) return [];
    const alpha = alphaGroupVersions(served);
    if (!alpha.length) return [];
    return [
      makeFinding({
        meta: alphaApis.meta,
        resource: {
          apiVersion: view.serverObject.apiVersion,
          kind: view.serverObject.kind,
          name: view.serverObject.metadata.name,
        },
        message: `the API server serves ${alpha.length} alpha API version(s): ${alpha.join(", ")}`,
      }),
    ];
  },
};

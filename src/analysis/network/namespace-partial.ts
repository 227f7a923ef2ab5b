// net.namespace-partial: the namespace has NetworkPolicies, but not a default
// deny: some workloads are selected by nothing (or only in one direction), or a
// new pod with other labels would not be isolated.
import { makeFinding, type Severity } from "../finding.js";
import { listWorkloads, managedAmong, type NamespaceCheck, namespaceRef } from "./check.js";
import { SYSTEM_NAMESPACES } from "./collect.js";
import { defaultDenyFix, defaultDenyTarget } from "./default-deny.js";
import type { WorkloadIsolation } from "./isolation.js";
import type { Direction } from "./policy.js";

export const namespacePartial: NamespaceCheck = {
  meta: {
    id: "net.namespace-partial",
    title: "Namespace only partly segmented",
    severity: "medium",
    panel: "network",
    description:
      "The namespace has NetworkPolicies but no default deny: workloads no policy selects (for ingress, egress or both) stay open. Medium when a workload is open now, low when only future pods would be (no policy with an empty podSelector) or in a system namespace.",
    remediation:
      "Add a default-deny NetworkPolicy (podSelector {}, Ingress and Egress) plus DNS egress; existing policies keep allowing what they allow. kubeward writes both manifests and lists the workloads that will lose traffic.",
    references: [
      "Kubernetes docs: Network Policies — Default policies",
      "CIS Kubernetes Benchmark 5.3.2: Ensure that all Namespaces have NetworkPolicies defined",
    ],
  },
  detect(ns) {
    if (ns.segmentation !== "partial") return [];
    const open: Record<Direction, WorkloadIsolation[]> = {
      ingress: managedAmong(ns, ns.open.ingress),
      egress: managedAmong(ns, ns.open.egress),
    };
    const parts: string[] = [];
    for (const d of ["ingress", "egress"] as const)
      if (open[d].length) parts.push(`not isolated for ${d}: ${listWorkloads(open[d])}`);
    const missing = (["ingress", "egress"] as const).filter((d) => !ns.catchAll[d]);
    if (parts.length === 0)
      parts.push(
        `every workload is isolated, but no policy with an empty podSelector isolates ${missing.join(" and ")} for new pods`,
      );
    const system = SYSTEM_NAMESPACES.has(ns.namespace);
    const severity: Severity = system || (open.ingress.length === 0 && open.egress.length === 0) ? "low" : "medium";
    const fix = defaultDenyTarget(ns);
    return [
      makeFinding({
        meta: namespacePartial.meta,
        resource: namespaceRef(ns.namespace),
        severity,
        message: `namespace ${ns.namespace} is only partly segmented: ${parts.join("; ")}`,
        related: ns.policies.map((p) => p.ref),
        ...(fix ? { fix } : {}),
      }),
    ];
  },
  fix: defaultDenyFix,
};

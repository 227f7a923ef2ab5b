// net.namespace-unsegmented: a namespace with no NetworkPolicy at all — every pod
// in it accepts traffic from, and sends traffic to, anything in the cluster.
import type { Severity } from "../finding.js";
import { makeFinding } from "../finding.js";
import { listWorkloads, managedAmong, type NamespaceCheck, namespaceRef } from "./check.js";
import { SYSTEM_NAMESPACES } from "./collect.js";
import { defaultDenyFix, defaultDenyTarget } from "./default-deny.js";

export const namespaceUnsegmented: NamespaceCheck = {
  meta: {
    id: "net.namespace-unsegmented",
    title: "Namespace without NetworkPolicy",
    severity: "high",
    panel: "network",
    description:
      "No NetworkPolicy selects any pod of the namespace: every pod accepts connections from any pod in the cluster (and beyond) and can reach anything. Severity is high when the namespace runs workloads, medium for system namespaces (kube-system, kube-public, kube-node-lease) and low when it runs nothing.",
    remediation:
      "Apply a default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress) with an egress rule to cluster DNS, then allow the traffic each workload needs. kubeward writes both manifests; system namespaces are not fixed automatically.",
    references: [
      "Kubernetes docs: Network Policies — Default policies",
      "CIS Kubernetes Benchmark 5.3.2: Ensure that all Namespaces have NetworkPolicies defined",
    ],
  },
  detect(ns) {
    if (ns.segmentation !== "none") return [];
    const managed = managedAmong(ns, ns.workloads);
    const system = SYSTEM_NAMESPACES.has(ns.namespace);
    const severity: Severity = managed.length === 0 ? "low" : system ? "medium" : "high";
    const what = managed.length
      ? `${managed.length} workload(s) reachable from anywhere and unrestricted outbound: ${listWorkloads(managed)}`
      : "it runs no workload yet, but any pod created there will be reachable from anywhere";
    const fix = defaultDenyTarget(ns);
    return [
      makeFinding({
        meta: namespaceUnsegmented.meta,
        resource: namespaceRef(ns.namespace),
        severity,
        message: `namespace ${ns.namespace} has no NetworkPolicy: ${what}${system ? " (system namespace: not fixed automatically)" : ""}`,
        ...(fix ? { fix } : {}),
      }),
    ];
  },
  fix: defaultDenyFix,
};

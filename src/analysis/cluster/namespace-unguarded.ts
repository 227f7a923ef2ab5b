// cluster.namespace-unguarded: a namespace running privileged-level workloads
// (pods the Pod Security "baseline" level would reject) that no admission control
// guards: nothing stops the next, worse pod either (seeds: "run configuration
// audits with OPA or Polaris"; admission is where such audits can say no).

import type { CheckDef } from "../engine.js";
import { type Finding, makeFinding } from "../finding.js";
import type { NamespaceGuards } from "./admission-guards.js";

export const namespaceUnguarded: CheckDef & { detect(ns: string, guards: NamespaceGuards): Finding[] } = {
  meta: {
    id: "cluster.namespace-unguarded",
    title: "Privileged workloads with no admission guard",
    severity: "medium",
    panel: "cluster",
    description:
      "The namespace runs workloads at the Pod Security privileged level, and no admission control kubeward can see guards it: no pod-security.kubernetes.io/enforce label above privileged, no denying ValidatingAdmissionPolicyBinding that selects it, no Kyverno policy in Enforce mode. Anyone who can create pods there can create worse ones. Kinds kubeward cannot read are named in the finding.",
    remediation:
      "Fix or isolate the privileged workloads, then guard the namespace: a Pod Security enforce label (baseline at least), or a ValidatingAdmissionPolicy / Kyverno / Gatekeeper policy that denies privileged pods there.",
    references: [
      "Kubernetes docs: Pod Security Admission",
      "Kubernetes docs: Validating Admission Policy",
      "CIS Kubernetes Benchmark 5.2.1: Ensure that the cluster has at least one active policy control mechanism in place",
    ],
  },
  detect(ns, guards) {
    if (guards.guards.length) return [];
    return [
      makeFinding({
        meta: namespaceUnguarded.meta,
        resource: { apiVersion: "v1", kind: "Namespace", name: ns },
        message: `namespace ${ns} runs privileged-level workloads and no admission control guards it (not visible to kubeward: ${guards.unseen.join(", ")})`,
      }),
    ];
  },
};

// kube-system ConfigMaps configure cluster components: CoreDNS's Corefile (rewrite or
// forward any name: traffic redirection), kube-proxy's config, the cluster-info and
// kubeadm-config that nodes and clients trust. Writing them is a cluster-wide takeover
// of traffic, whatever the resourceNames.

import { rbacFix } from "../fix.js";
import type { Grant } from "../resolve.js";
import { type RiskyCheck, ruleCheck } from "./check.js";

const KUBE_SYSTEM = "kube-system";

const base = ruleCheck({
  meta: {
    id: "rbac.kube-system-configmap-write",
    title: "Can write ConfigMaps in kube-system",
    severity: "high",
    panel: "rbac",
    description:
      "create, update, patch or delete on configmaps in kube-system (cluster-wide, or through a RoleBinding in kube-system), even limited to named ConfigMaps: the subject can rewrite CoreDNS's Corefile or kube-proxy's configuration and redirect the cluster's traffic.",
    remediation:
      "Leave kube-system ConfigMaps to cluster administrators; bind such roles in the application's own namespace.",
    references: [
      "MITRE ATT&CK T1565 (Data Manipulation)",
      "https://kubernetes.io/docs/tasks/administer-cluster/dns-custom-nameservers/",
    ],
  },
  namespaced: "high",
  probes: [
    {
      verbs: ["create", "update", "patch", "delete", "deletecollection"],
      groups: [""],
      resources: ["configmaps"],
      anyName: true,
    },
  ],
  what: (scope) =>
    scope === "cluster"
      ? "can rewrite ConfigMaps in every namespace, kube-system's CoreDNS and kube-proxy configuration included"
      : "can rewrite kube-system's ConfigMaps (CoreDNS, kube-proxy configuration)",
  fix: rbacFix,
});

const { ruleRisky: _anyNamespace, ...rest } = base;

export const kubeSystemConfigMapWrite: RiskyCheck = {
  ...rest,
  // No ruleRisky: a ConfigMap write is risky only where it reaches kube-system, so narrowing a
  // role for another check must not remove it; this check's own fix removes the binding.
  // Only grants that reach kube-system: cluster-wide ones and RoleBindings in kube-system.
  evidence: (subject, grants) =>
    base.evidence(subject, grants).filter((g: Grant) => g.scope === "cluster" || g.scope === KUBE_SYSTEM),
};

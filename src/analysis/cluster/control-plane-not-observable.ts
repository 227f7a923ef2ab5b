// cluster.control-plane-not-observable: no control-plane pod is visible through the
// API (a managed or embedded control plane, or no access to kube-system). Its
// configuration then cannot be judged: one info finding, never a pass.
import { makeFinding } from "../finding.js";
import type { ClusterCheck } from "./view.js";

export const controlPlaneNotObservable: ClusterCheck = {
  meta: {
    id: "cluster.control-plane-not-observable",
    title: "Control plane not observable from the API",
    severity: "info",
    panel: "cluster",
    description:
      "No kube-apiserver, kube-controller-manager, kube-scheduler or etcd pod is visible in kube-system: the control plane is managed (EKS, GKE, AKS…), embedded in one binary (k3s), runs outside Kubernetes, or kube-system pods cannot be listed. Its flags — anonymous auth, authorization modes, audit logging, encryption at rest — cannot be checked here, which is not the same as passing.",
    remediation:
      "Check the control plane where it is configured: the provider's settings (audit logs, secrets encryption, endpoint access), or kube-bench on the control-plane nodes.",
    references: [
      "CIS Kubernetes Benchmark sections 1 and 2 (control plane, etcd)",
      "CIS benchmarks for managed Kubernetes (EKS, GKE, AKS)",
    ],
  },
  detect(view) {
    if (view.controlPlane.some((cp) => cp.component === "kube-apiserver")) return [];
    // A folder of application manifests is not a cluster: speak only when there is one.
    const looksLikeCluster =
      !!view.serverObject || view.nodes.length > 0 || view.store.inNamespace("Pod", "kube-system").length > 0;
    if (!looksLikeCluster) return [];
    const seen = view.controlPlane.map((cp) => cp.component);
    const ref = view.serverObject
      ? {
          apiVersion: view.serverObject.apiVersion,
          kind: view.serverObject.kind,
          name: view.serverObject.metadata.name,
        }
      : { apiVersion: "v1", kind: "Namespace", name: "kube-system" };
    return [
      makeFinding({
        meta: controlPlaneNotObservable.meta,
        resource: ref,
        message: `no kube-apiserver pod is visible in kube-system${seen.length ? ` (only ${seen.join(", ")})` : ""}: the control plane's flags cannot be checked from the API (managed or embedded control plane) — not observable, not passed`,
      }),
    ];
  },
};

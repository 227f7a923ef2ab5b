// Cluster posture panel (DESIGN §3): what the API shows of the control plane
// (mirror-pod flags with CIS ids, or "not observable"), versions against end of
// life and skew, alpha APIs, anonymous access as observed, and namespace guardrails.
// Partitioned: the cluster part reads kube-system, Nodes and ServerInfo; each
// namespace's part reads only that namespace (quota/limits).

import { WORKLOAD_KINDS } from "../../cluster/objects.js";
import { SERVER_INFO_KIND } from "../../cluster/server-info.js";
import type { Engine } from "../engine.js";
import type { Finding } from "../finding.js";
import type { PodsModel, RbacModel } from "../models.js";
import {
  CLUSTER_PART,
  type EnginePart,
  namespaceStamp,
  PartCache,
  partitionedOutput,
  partitionKeys,
} from "../parts.js";
import { namespaceGuards } from "./admission-guards.js";
import { alphaApis } from "./alpha-apis.js";
import { anonymousAccess } from "./anonymous-probe.js";
import { apiserverAdmission } from "./apiserver-admission.js";
import { apiserverAnonymousAuth } from "./apiserver-anonymous-auth.js";
import { apiserverAuditLog } from "./apiserver-audit-log.js";
import { apiserverAuthorization } from "./apiserver-authorization.js";
import { apiserverEncryption } from "./apiserver-encryption.js";
import { apiserverKubeletCa } from "./apiserver-kubelet-ca.js";
import { bindAddress } from "./bind-address.js";
import type { FlagCheck } from "./control-plane.js";
import { controlPlaneNotObservable } from "./control-plane-not-observable.js";
import { controllerManagerSaCredentials } from "./controller-manager-sa-credentials.js";
import { dormantServiceAccount } from "./dormant-service-account.js";
import { etcdTls } from "./etcd-tls.js";
import { exposedDashboard } from "./exposed-dashboard.js";
import { kubeletSkew } from "./kubelet-skew.js";
import { namespaceNoQuota, quotaGap, SYSTEM_NAMESPACES } from "./namespace-quota.js";
import { namespaceUnguarded } from "./namespace-unguarded.js";
import { nodeVersionDrift } from "./node-version-drift.js";
import { profiling } from "./profiling.js";
import { versionEol } from "./version-eol.js";
import { type ClusterCheck, clusterView } from "./view.js";

export const FLAG_CHECKS: readonly FlagCheck[] = [
  apiserverAnonymousAuth,
  apiserverAuthorization,
  apiserverAdmission,
  profiling,
  apiserverAuditLog,
  apiserverEncryption,
  apiserverKubeletCa,
  controllerManagerSaCredentials,
  bindAddress,
  etcdTls,
];

export const CLUSTER_CHECKS: readonly ClusterCheck[] = [
  controlPlaneNotObservable,
  versionEol,
  kubeletSkew,
  nodeVersionDrift,
  alphaApis,
  anonymousAccess,
];

/** Today as YYYY-MM-DD (UTC), for end-of-life dates; a parameter so tests can pin it. */
/** Admission policy kinds that can guard namespaces (read when some branch of kubeward watches them). */
const POLICY_KINDS = ["ValidatingAdmissionPolicyBinding", "ClusterPolicy", "Policy"];

export function todayUtc(now = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}

const guarded = <T>(what: string, f: () => T[]): T[] => {
  try {
    return f();
  } catch (err) {
    process.emitWarning(`cluster check ${what} failed: ${String(err)}`);
    return [];
  }
};

export function clusterEngine(today: () => string = () => todayUtc()): Engine {
  const nsCache = new PartCache<EnginePart, unknown[]>();
  let clusterPart: { deps: unknown[]; part: EnginePart } | undefined;
  return {
    name: "cluster",
    checks: [
      ...FLAG_CHECKS,
      ...CLUSTER_CHECKS,
      namespaceNoQuota,
      namespaceUnguarded,
      dormantServiceAccount,
      exposedDashboard,
    ],
    inputs: [
      ...WORKLOAD_KINDS,
      "ServiceAccount",
      "RoleBinding",
      "ClusterRoleBinding",
      "Service",
      "Ingress",
      "Node",
      "ResourceQuota",
      "LimitRange",
      "Namespace",
      SERVER_INFO_KIND,
      ...POLICY_KINDS,
    ],
    // The pods engine's model says which namespaces run privileged-level workloads.
    // The rbac engine's model says which accounts hold risky permissions.
    after: ["pods", "rbac"],
    run(ctx) {
      const { store } = ctx;
      const day = today();
      const deps = [
        store.namespaceVersion("kube-system"),
        store.kindVersion("Node"),
        store.kindVersion(SERVER_INFO_KIND),
        day,
      ];
      if (!clusterPart || clusterPart.deps.some((d, i) => d !== deps[i])) {
        const view = clusterView(store, day);
        const findings: Finding[] = [];
        for (const cp of view.controlPlane)
          for (const check of FLAG_CHECKS) findings.push(...guarded(check.meta.id, () => check.detect(cp)));
        for (const check of CLUSTER_CHECKS) findings.push(...guarded(check.meta.id, () => check.detect(view)));
        clusterPart = { deps, part: { findings } };
      }
      const pods = ctx.models.get("pods") as PodsModel | undefined;
      const rbac = ctx.models.get("rbac") as RbacModel | undefined;
      // Cluster-scoped policies (and whether their kinds are listed) can guard any namespace.
      const policies = POLICY_KINDS.map(
        (k) => `${store.kindVersion(k)}:${store.kindStatus(k)?.synced ?? false}`,
      ).join();
      const nsParts = nsCache.update(
        partitionKeys(store),
        (ns) => [namespaceStamp(store, ns), policies, pods?.enforceableLevelOf(ns), rbac],
        (ns) => {
          const findings: Finding[] = guarded("cluster.namespace-no-quota", () => {
            const g = quotaGap(store, ns);
            return g ? namespaceNoQuota.detect(g) : [];
          });
          if (!SYSTEM_NAMESPACES.has(ns) && pods?.enforceableLevelOf(ns) === "privileged")
            findings.push(
              ...guarded("cluster.namespace-unguarded", () =>
                namespaceUnguarded.detect(ns, namespaceGuards(store, ns)),
              ),
            );
          for (const kind of WORKLOAD_KINDS)
            for (const obj of store.inNamespace(kind, ns))
              findings.push(...guarded("cluster.exposed-dashboard", () => exposedDashboard.detect(obj, store, rbac)));
          if (rbac)
            for (const sa of store.inNamespace("ServiceAccount", ns))
              findings.push(
                ...guarded("rbac.dormant-service-account", () => dormantServiceAccount.detect(sa, store, rbac)),
              );
          return { findings };
        },
        (kept, ns) =>
          kept[0] === namespaceStamp(store, ns) &&
          kept[1] === policies &&
          kept[2] === pods?.enforceableLevelOf(ns) &&
          kept[3] === rbac,
      );
      const parts = new Map(nsParts);
      parts.set(CLUSTER_PART, clusterPart.part);
      return partitionedOutput(parts);
    },
  };
}

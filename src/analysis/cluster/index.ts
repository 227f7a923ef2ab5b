// Cluster posture panel (DESIGN §3): what the API shows of the control plane
// (mirror-pod flags with CIS ids, or "not observable"), versions against end of
// life and skew, alpha APIs, anonymous access as observed, and namespace guardrails.
// Partitioned: the cluster part reads kube-system, Nodes and ServerInfo; each
// namespace's part reads only that namespace (quota/limits).

import { WORKLOAD_KINDS } from "../../cluster/objects.js";
import { SERVER_INFO_KIND } from "../../cluster/server-info.js";
import type { Engine } from "../engine.js";
import type { Finding } from "../finding.js";
import {
  CLUSTER_PART,
  type EnginePart,
  namespaceStamp,
  PartCache,
  partitionedOutput,
  partitionKeys,
} from "../parts.js";
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
import { etcdTls } from "./etcd-tls.js";
import { kubeletSkew } from "./kubelet-skew.js";
import { namespaceNoQuota, quotaGap } from "./namespace-quota.js";
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
  const nsCache = new PartCache<EnginePart, number | string>();
  let clusterPart: { deps: unknown[]; part: EnginePart } | undefined;
  return {
    name: "cluster",
    checks: [...FLAG_CHECKS, ...CLUSTER_CHECKS, namespaceNoQuota],
    inputs: [...WORKLOAD_KINDS, "Node", "ResourceQuota", "LimitRange", "Namespace", SERVER_INFO_KIND],
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
      const nsParts = nsCache.update(
        partitionKeys(store),
        (ns) => namespaceStamp(store, ns),
        (ns) => {
          const gap = guarded("cluster.namespace-no-quota", () => {
            const g = quotaGap(store, ns);
            return g ? [g] : [];
          })[0];
          return { findings: gap ? namespaceNoQuota.detect(gap) : [] };
        },
      );
      const parts = new Map(nsParts);
      parts.set(CLUSTER_PART, clusterPart.part);
      return partitionedOutput(parts);
    },
  };
}

// Attack paths across panels (DESIGN §3 "Correlation"): runs last, reads the
// earlier engines' findings and models, and emits critical findings whose
// `chain` holds the ids of the findings they combine. Each path is placed in the
// panel of its first part (pods, network, rbac), so the panel list stays the same.
// Workload paths are kept per namespace: a path reads the workload, its namespace's
// service accounts, isolation and findings, and the rbac model.
import { WORKLOAD_KINDS } from "../../cluster/objects.js";
import { sameObjects } from "../../store/store.js";
import type { AnalysisContext, Engine, EngineOutput } from "../engine.js";
import type { Finding } from "../finding.js";
import {
  CLUSTER_PART,
  depsNear,
  type EnginePart,
  findingsNear,
  namespaceStamp,
  objectsOfKindsIn,
  PartCache,
  partitionedOutput,
  partitionKeys,
  sameNear,
} from "../parts.js";
import { anonymousRisky, detectAnonymousPaths } from "./anonymous-risky.js";
import { topWorkloadsOf } from "./common.js";
import { detectExposedPowerfulPaths, exposedPowerfulWorkload } from "./exposed-powerful-workload.js";
import { detectPrivilegedPodPaths, privilegedPodSecretsReader } from "./privileged-pod-secrets-reader.js";
import {
  detectReachablePrivilegedVulnerable,
  reachablePrivilegedVulnerable,
} from "./reachable-privileged-vulnerable.js";
import { detectUnsegmentedTokenPaths, unsegmentedPowerfulToken } from "./unsegmented-powerful-token.js";

/** Upstream outputs in run order: ctx.outputs, or one unpartitioned output of ctx.findings. */
function upstreamOf(ctx: AnalysisContext): EngineOutput[] {
  if (ctx.outputs) return [...ctx.outputs.values()];
  return [{ findings: ctx.findings as Finding[] }];
}

/** The findings a namespace's paths can combine: every upstream part of that namespace and the cluster parts. */
function poolNear(upstream: readonly EngineOutput[], ns: string): Finding[] {
  const pool: Finding[] = [];
  for (const out of upstream) for (const list of findingsNear(out, ns)) for (const f of list) pool.push(f);
  return pool;
}

export function correlateEngine(): Engine {
  const cache = new PartCache<EnginePart, unknown[]>();
  let anonymous: { deps: unknown[]; part: EnginePart } | undefined;
  let namespaces: string[] = [];
  return {
    name: "correlate",
    checks: [
      privilegedPodSecretsReader,
      unsegmentedPowerfulToken,
      anonymousRisky,
      exposedPowerfulWorkload,
      reachablePrivilegedVulnerable,
    ],
    // Everything the other engines read: any change may complete or break a path.
    inputs: [
      ...WORKLOAD_KINDS,
      "ServiceAccount",
      "Secret",
      "Namespace",
      "NetworkPolicy",
      "Role",
      "ClusterRole",
      "RoleBinding",
      "ClusterRoleBinding",
      "Service",
      "Ingress",
      "HTTPRoute",
      "VulnerabilityReport",
    ],
    after: ["pods", "images", "supply", "rbac", "network", "exposure", "secrets"],
    run: (ctx) => {
      const { store } = ctx;
      const upstream = upstreamOf(ctx);
      const rbac = ctx.models.rbac;
      const hasNetwork = ctx.models.has("network");
      // Models are compared by identity except the network model (new each pass): what a
      // namespace's paths read of it is that namespace's network part, compared below.
      const parts = cache.update(
        partitionKeys(store),
        (ns) => [namespaceStamp(store, ns), rbac, hasNetwork, ...upstream.flatMap((o) => depsNear(o, ns))],
        (ns) => {
          const workloads = topWorkloadsOf(store, objectsOfKindsIn(store, WORKLOAD_KINDS, ns), ctx.owners);
          if (!workloads.length) return { findings: [] };
          const pool = poolNear(upstream, ns);
          return {
            findings: [
              ...detectPrivilegedPodPaths(ctx, workloads, pool),
              ...detectUnsegmentedTokenPaths(ctx, workloads, pool),
              ...detectExposedPowerfulPaths(ctx, workloads, pool),
              ...detectReachablePrivilegedVulnerable(ctx, workloads, pool),
            ],
          };
        },
        // The same check as comparing with a fresh deps list, without building one per namespace.
        (kept, ns) =>
          kept[0] === namespaceStamp(store, ns) &&
          kept[1] === rbac &&
          kept[2] === hasNetwork &&
          sameNear(kept, 3, upstream, ns),
      );
      // Everyone-style paths read the rbac model and findings, every Secret's name and every namespace.
      const current = store.namespaces();
      if (!sameObjects(current, namespaces)) namespaces = current;
      const deps = [
        rbac,
        store.kindVersion("Secret"),
        namespaces,
        ...upstream.flatMap((o) => depsNear(o, CLUSTER_PART)),
      ];
      if (!anonymous || !sameObjects(anonymous.deps, deps))
        anonymous = { deps, part: { findings: detectAnonymousPaths(ctx, poolNear(upstream, CLUSTER_PART)) } };
      const all = new Map<string, EnginePart>([[CLUSTER_PART, anonymous.part]]);
      for (const [ns, part] of parts) all.set(ns, part);
      return partitionedOutput(all);
    },
  };
}

// Unsegmented namespaces panel: NetworkPolicy isolation per workload and
// segmentation per namespace. One part per namespace, recomputed only when the
// namespace's version changes, so a pod event recomputes one namespace.
import { WORKLOAD_KINDS } from "../../cluster/objects.js";
import type { Engine, EngineOutput, WorkloadSummary } from "../engine.js";
import type { Finding } from "../finding.js";
import {
  type EnginePart,
  isStoreNamespace,
  namespaceStamp,
  objectsIn,
  PartCache,
  partitionedOutput,
  partitionKeys,
} from "../parts.js";
import { type Workload, workloadOf } from "../workloads.js";
import type { NamespaceCheck } from "./check.js";
import { workloadObjectsIn } from "./collect.js";
import { networkModel } from "./model.js";
import { namespacePartial } from "./namespace-partial.js";
import { namespaceUnsegmented } from "./namespace-unsegmented.js";
import { policyOf } from "./policy.js";
import { policyAllowAll } from "./policy-allow-all.js";
import { policySelectsNothing } from "./policy-selects-nothing.js";
import { analyzeNamespace, type NamespaceNetwork } from "./segmentation.js";

export const networkChecks: readonly NamespaceCheck[] = [
  namespaceUnsegmented,
  namespacePartial,
  policyAllowAll,
  policySelectsNothing,
];

/** The four isolation facts, shared and frozen (indexed by ingress + 2 × egress). */
const ISOLATION_FACTS: readonly Partial<WorkloadSummary>[] = [false, true].flatMap((egress) =>
  [false, true].map((ingress) => Object.freeze({ isolation: Object.freeze({ ingress, egress }) })),
);

/** A namespace's part, with the analysis the model answers from. */
export interface NetworkPart extends EnginePart {
  result: NamespaceNetwork;
}

function detectAll(ns: NamespaceNetwork): Finding[] {
  return networkChecks.flatMap((c) => {
    try {
      return c.detect(ns);
    } catch (err) {
      // Invariant 5: a check bug must not take down the other checks.
      process.emitWarning(`check ${c.meta.id} failed on namespace ${ns.namespace}: ${String(err)}`);
      return [];
    }
  });
}

export function networkEngine(): Engine {
  const cache = new PartCache<NetworkPart | undefined>();
  return {
    name: "network",
    checks: networkChecks,
    inputs: ["NetworkPolicy", "Namespace", ...WORKLOAD_KINDS],
    run(ctx): EngineOutput {
      const { store } = ctx;
      // A namespace's isolation and segmentation read only its own policies and workloads.
      const parts = cache.update(
        partitionKeys(store),
        (name) => namespaceStamp(store, name),
        (name) => {
          const policies = objectsIn(store, "NetworkPolicy", name);
          const objects = workloadObjectsIn(store, name);
          // "default" is always a key (it holds objects without a namespace): not a namespace when empty.
          if (!isStoreNamespace(store, name) && !policies.length && !objects.length) return undefined;
          const result = analyzeNamespace(
            name,
            policies.map(policyOf),
            objects.map(workloadOf).filter((w): w is Workload => !!w),
          );
          const workloads = new Map<string, Partial<WorkloadSummary>>();
          for (const w of result.workloads)
            workloads.set(
              w.key,
              ISOLATION_FACTS[(w.policies.ingress.length > 0 ? 1 : 0) + (w.policies.egress.length > 0 ? 2 : 0)]!,
            );
          return {
            result,
            findings: detectAll(result),
            workloads,
            namespaces: new Map([[name, { segmentation: result.segmentation }]]),
          };
        },
      );
      const results = new Map<string, NamespaceNetwork>();
      const kept = new Map<string, NetworkPart>();
      for (const [name, part] of parts)
        if (part) {
          results.set(name, part.result);
          kept.set(name, part);
        }
      return partitionedOutput(kept, { model: networkModel(store, results) });
    },
  };
}

// Unsegmented namespaces panel: NetworkPolicy isolation per workload and
// segmentation per namespace. Computed per namespace and cached by the identity
// of the namespace's policy and workload objects (the store replaces an object
// when it changes), so a pod event recomputes one namespace.
import { type KObject, WORKLOAD_KINDS } from "../../cluster/objects.js";
import { sameObjects } from "../../store/store.js";
import type { Engine, EngineOutput, NamespaceSummary, WorkloadSummary } from "../engine.js";
import type { Finding } from "../finding.js";
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

interface CacheEntry {
  policies: KObject[];
  workloads: KObject[];
  result: NamespaceNetwork;
  findings: Finding[];
  facts: [string, Partial<WorkloadSummary>][];
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
  const cache = new Map<string, CacheEntry>();
  return {
    name: "network",
    checks: networkChecks,
    inputs: ["NetworkPolicy", "Namespace", ...WORKLOAD_KINDS],
    run(ctx): EngineOutput {
      const { store } = ctx;
      const findings: Finding[] = [];
      const workloads = new Map<string, Partial<WorkloadSummary>>();
      const namespaces = new Map<string, Partial<NamespaceSummary>>();
      const results = new Map<string, NamespaceNetwork>();
      const seen = new Set<string>();
      for (const name of store.namespaces()) {
        seen.add(name);
        const policies = store.inNamespace("NetworkPolicy", name);
        const objects = workloadObjectsIn(store, name);
        let entry = cache.get(name);
        if (!entry || !sameObjects(entry.policies, policies) || !sameObjects(entry.workloads, objects)) {
          const result = analyzeNamespace(
            name,
            policies.map(policyOf),
            objects.map(workloadOf).filter((w): w is Workload => !!w),
          );
          const facts = result.workloads.map((w): [string, Partial<WorkloadSummary>] => [
            w.key,
            { isolation: { ingress: w.policies.ingress.length > 0, egress: w.policies.egress.length > 0 } },
          ]);
          entry = { policies, workloads: objects, result, findings: detectAll(result), facts };
          cache.set(name, entry);
        }
        results.set(name, entry.result);
        findings.push(...entry.findings);
        namespaces.set(name, { segmentation: entry.result.segmentation });
        for (const [key, fact] of entry.facts) workloads.set(key, fact);
      }
      for (const name of cache.keys()) if (!seen.has(name)) cache.delete(name);
      return { findings, workloads, namespaces, model: networkModel(store, results) };
    },
  };
}

// The NetworkModel (src/analysis/models.ts) the engine publishes: isolation per
// workload with what the selecting policies allow, segmentation per namespace.
// Summary lines are built on demand (drill-down), not for 150,000 pods per pass.
import type { Store } from "../../store/store.js";
import type { IsolationInfo, NetworkModel } from "../models.js";
import { namespaceLabels } from "./collect.js";
import type { WorkloadIsolation } from "./isolation.js";
import { ReachIndex } from "./reach.js";
import type { NamespaceNetwork } from "./segmentation.js";
import { describeSelector, isEmpty, matches, type Selector } from "./selectors.js";
import { allowLines, describeRule, type NamespaceResolver } from "./summary.js";

export function resolverFor(store: Store): NamespaceResolver {
  let labels: Map<string, ReturnType<typeof namespaceLabels>> | undefined;
  return (selector: Selector) => {
    labels ??= new Map(store.namespaces().map((n) => [n, namespaceLabels(store, n)]));
    return [...labels].filter(([, l]) => matches(selector, l)).map(([n]) => n);
  };
}

export function isolationInfo(w: WorkloadIsolation, resolve?: NamespaceResolver): IsolationInfo {
  const { ingress, egress } = w.policies;
  let allows: IsolationInfo["allows"] | undefined;
  return {
    ingress: ingress.length > 0,
    egress: egress.length > 0,
    ingressPolicies: ingress.map((p) => p.ref),
    egressPolicies: egress.map((p) => p.ref),
    // Described on first read: the attack-path rules ask only whether a pod is isolated.
    get allows() {
      allows ??= { ingress: allowLines(ingress, "ingress", resolve), egress: allowLines(egress, "egress", resolve) };
      return allows;
    },
  };
}

/** Workloads of one namespace's analysis by key, built on first lookup and kept with it. */
const byKeyOf = new WeakMap<NamespaceNetwork, Map<string, WorkloadIsolation>>();

function workloadByKey(ns: NamespaceNetwork, key: string): WorkloadIsolation | undefined {
  let byKey = byKeyOf.get(ns);
  if (!byKey) {
    byKey = new Map();
    for (const w of ns.workloads) byKey.set(w.key, w);
    byKeyOf.set(ns, byKey);
  }
  return byKey.get(key);
}

export function networkModel(store: Store, namespaces: ReadonlyMap<string, NamespaceNetwork>): NetworkModel {
  const resolve = resolverFor(store);
  let index: ReachIndex | undefined;
  return {
    reach(query) {
      // Built on the first query of this pass: scans and the panels never pay for it.
      index ??= new ReachIndex(namespaces, (ns) => namespaceLabels(store, ns));
      return index.answer(query);
    },
    isolationOf(key) {
      // Keys are refKeys ("Kind/namespace/name"): only that namespace's analysis can hold it.
      const ns = namespaces.get(key.split("/")[1] ?? "");
      const w = ns ? workloadByKey(ns, key) : undefined;
      return w ? isolationInfo(w, resolve) : undefined;
    },
    explainPolicy(namespace, name) {
      const ns = namespaces.get(namespace);
      const p = ns?.policies.find((q) => q.ref.name === name);
      if (!ns || !p) return undefined;
      const dirs = (["ingress", "egress"] as const).filter((d) => p.types[d]);
      const lines = [
        `applies to ${isEmpty(p.podSelector) ? "every pod" : `pods ${describeSelector(p.podSelector)}`} in ${namespace}; isolates ${dirs.join(" and ") || "nothing"}`,
      ];
      for (const d of dirs) {
        if (!p.rules[d].length) lines.push(`${d}: allows nothing (denies all ${d} not allowed by another policy)`);
        for (const r of p.rules[d]) lines.push(`${d}: allows ${describeRule(r, p, d, resolve)}`);
      }
      const selects = ns.workloads
        .filter((w) => ns.managed.has(w) && (w.policies.ingress.includes(p) || w.policies.egress.includes(p)))
        .map((w) => ({
          ref: w.workload.ref,
          directions: dirs.filter((d) => w.policies[d].includes(p)),
        }));
      return { lines, selects };
    },
    segmentationOf(namespace) {
      return namespaces.get(namespace)?.segmentation;
    },
  };
}

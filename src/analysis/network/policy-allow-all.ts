// net.policy-allow-all: a policy that isolates its pods in a direction and then
// allows everything in that direction on every port — `ingress: [{}]`, a peer
// 0.0.0.0/0 or ::/0 without except, or all pods of all namespaces
// (namespaceSelector {} with no podSelector or podSelector {}). It looks like
// segmentation and is none.
import { makeFinding } from "../finding.js";
import type { NamespaceCheck } from "./check.js";
import { isEverything } from "./cidr.js";
import type { Direction, Peer, Rule } from "./policy.js";
import { isEmpty } from "./selectors.js";

function everyPeer(peer: Peer): string | undefined {
  if (peer.kind === "ipBlock" && isEverything(peer.cidr) && peer.except.length === 0) return peer.cidr.text;
  if (peer.kind === "pods" && peer.namespaceSelector && isEmpty(peer.namespaceSelector) && isEmpty(peer.podSelector))
    return "all pods in all namespaces";
  return undefined;
}

/** Why a rule allows everything, or undefined. Rules with ports are narrower and pass. */
export function allowsEverything(rule: Rule, direction: Direction): string | undefined {
  if (rule.ports) return undefined;
  const field = direction === "ingress" ? "from" : "to";
  if (!rule.peers) return `${direction}[${rule.index}] has no "${field}" and no ports: every peer on every port`;
  for (const p of rule.peers) {
    const what = everyPeer(p);
    if (what) return `${direction}[${rule.index}] allows ${what} on every port`;
  }
  return undefined;
}

export const policyAllowAll: NamespaceCheck = {
  meta: {
    id: "net.policy-allow-all",
    title: "NetworkPolicy allows all traffic",
    severity: "medium",
    panel: "network",
    description:
      "A NetworkPolicy isolates its pods and then allows every peer on every port (ingress: [{}], 0.0.0.0/0 or ::/0 with no except, namespaceSelector {} with no ports): it looks like segmentation but stops nothing. Medium for ingress, low for egress.",
    remediation:
      "Replace the catch-all rule with the namespaces, pods or CIDRs and ports the workload really needs, or delete the policy if allowing everything is intended.",
    references: ["Kubernetes docs: Network Policies — Allow all ingress traffic / Allow all egress traffic"],
  },
  detect(ns) {
    const out = [];
    for (const policy of ns.policies) {
      for (const d of ["ingress", "egress"] as const) {
        if (!policy.types[d]) continue;
        for (const rule of policy.rules[d]) {
          const why = allowsEverything(rule, d);
          if (!why) continue;
          out.push(
            makeFinding({
              meta: policyAllowAll.meta,
              resource: policy.ref,
              path: `spec.${d}[${rule.index}]`,
              severity: d === "ingress" ? "medium" : "low",
              message: `NetworkPolicy ${policy.namespace}/${policy.ref.name} isolates its pods for ${d} but ${why}`,
            }),
          );
          break; // one finding per policy and direction
        }
      }
    }
    return out;
  },
};

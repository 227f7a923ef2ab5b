// The fix for an unsegmented or partially segmented namespace: a default-deny
// NetworkPolicy (every pod, ingress and egress) plus the egress to cluster DNS
// every pod needs, as manifests for `kubectl apply -f`. Existing policies keep
// allowing what they allow (policies are additive); everything else stops.
import { defaultDenyManifest, dnsEgressManifest } from "../../cluster/network-manifests.js";
import type { ResourceRef } from "../../cluster/objects.js";
import type { FixContext, FixFragment } from "../engine.js";
import type { Finding, FixRef } from "../finding.js";
import { listWorkloads, managedAmong } from "./check.js";
import { namespaceNetwork, SYSTEM_NAMESPACES } from "./collect.js";
import type { NamespaceNetwork } from "./segmentation.js";

const DENY_NAME = "default-deny";
const DNS_NAME = "allow-dns-egress";

/** A name not already taken by another policy of the namespace (apply would overwrite it). */
function freeName(ns: NamespaceNetwork, name: string): string {
  const taken = new Set(ns.policies.map((p) => p.ref.name));
  return taken.has(name) ? `kubeward-${name}` : name;
}

function policyRef(namespace: string, name: string): ResourceRef {
  return { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", namespace, name };
}

/** Where the fix lands; undefined for system namespaces, whose components need traffic kubeward cannot know. */
export function defaultDenyTarget(ns: NamespaceNetwork): FixRef | undefined {
  if (SYSTEM_NAMESPACES.has(ns.namespace)) return undefined;
  return { target: policyRef(ns.namespace, freeName(ns, DENY_NAME)), type: "manifest" };
}

export function defaultDenyFix(finding: Finding, ctx: FixContext): FixFragment | undefined {
  const target = finding.fix?.target;
  if (!target?.namespace || target.kind !== "NetworkPolicy") return undefined;
  const ns = namespaceNetwork(ctx.store, target.namespace);
  const dnsName = freeName(ns, DNS_NAME);
  const losing = (d: "ingress" | "egress") => managedAmong(ns, ns.open[d]);
  const lose = { ingress: losing("ingress"), egress: losing("egress") };
  const mayBreak = [
    lose.ingress.length
      ? `ingress to ${listWorkloads(lose.ingress, 20)} stops unless an existing policy allows it`
      : "",
    lose.egress.length
      ? `egress from ${listWorkloads(lose.egress, 20)} stops except DNS, unless an existing policy allows it`
      : "",
    "new pods in the namespace get no traffic in or out (but DNS) until a policy allows it",
    "clusters using NodeLocal DNSCache or a DNS not labelled k8s-app=kube-dns in kube-system need their own DNS egress rule",
  ].filter(Boolean);
  return {
    kind: "manifest",
    manifest: defaultDenyManifest(target.namespace, target.name),
    extra: [dnsEgressManifest(target.namespace, dnsName)],
    explain: `${finding.check}: NetworkPolicy ${target.name} denies all ingress and egress of every pod in ${target.namespace} not allowed by another policy; ${dnsName} allows DNS to kube-system k8s-app=kube-dns on UDP/TCP 53`,
    mayBreak: mayBreak.join("; "),
  };
}

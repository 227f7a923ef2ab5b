// Attack path: a workload reachable from outside the cluster (net.exposed-service at
// high: through a LoadBalancer/NodePort Service or an ingress route, and let in by its
// NetworkPolicies) that runs privileged or holds a powerful token. One exploitable
// bug in what it serves is a foothold from the internet onto a node or the API.
import { uniqueRefs } from "../../cluster/objects.js";
import type { AnalysisContext, CheckDef } from "../engine.js";
import { type Finding, makeFinding } from "../finding.js";
import { findingsAbout } from "../findings-about.js";
import { serviceAccountOf } from "../secrets/refs.js";
import type { Workload } from "../workloads.js";
import { saRef, uniqueIds } from "./common.js";

export const exposedPowerfulWorkload: CheckDef = {
  meta: {
    id: "path.exposed-powerful-workload",
    title: "Attack path: internet-facing workload that is privileged or holds a powerful token",
    severity: "critical",
    panel: "network",
    description:
      "A workload that traffic from outside the cluster reaches (a LoadBalancer/NodePort Service or an Ingress/HTTPRoute, allowed by its NetworkPolicies) runs privileged or mounts the token of an account that can read all secrets, create pods or escalate. Ranks above its parts; `chain` lists them.",
    remediation:
      "Break a link: stop exposing it (loadBalancerSourceRanges, ClusterIP behind the ingress controller, a NetworkPolicy limited to the controller), or drop the privileges and the token (see the chained findings).",
    references: [
      "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
      "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
      "MITRE ATT&CK T1190 (Exploit Public-Facing Application)",
    ],
  },
};

/** Paths of one namespace's top workloads, their parts looked up in `pool`. */
export function detectExposedPowerfulPaths(
  _ctx: AnalysisContext,
  workloads: readonly Workload[],
  pool: readonly Finding[],
): Finding[] {
  const out: Finding[] = [];
  for (const w of workloads) {
    const exposed = findingsAbout(pool, w.ref, (f) => f.check === "net.exposed-service" && f.severity === "high");
    if (!exposed.length) continue;
    const sa = serviceAccountOf(w);
    const parts = [
      ...exposed,
      ...findingsAbout(pool, w.ref, (f) => f.panel === "pods" && (f.severity === "critical" || f.severity === "high")),
      ...findingsAbout(pool, w.ref, (f) => f.check === "secret.token-automount"),
      ...findingsAbout(pool, saRef(sa), (f) => f.panel === "rbac"),
    ];
    out.push(
      makeFinding({
        meta: exposedPowerfulWorkload.meta,
        resource: w.ref,
        message: exposed[0]!.message,
        chain: uniqueIds(parts),
        related: uniqueRefs([...(exposed[0]!.related ?? []), saRef(sa)]),
      }),
    );
  }
  return out;
}

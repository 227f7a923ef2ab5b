// Attack path: a pod that anything in the cluster can reach over the network
// (its namespace has no NetworkPolicy isolating it) and that mounts the token of
// a powerful account. One exploitable service there hands out that account.
import { refKey, uniqueRefs } from "../../cluster/objects.js";
import type { AnalysisContext, CheckDef } from "../engine.js";
import { type Finding, makeFinding } from "../finding.js";
import { findingsAbout } from "../findings-about.js";
import { powerOf, subjectLabel } from "../secrets/power.js";
import { hasProjectedToken, serviceAccountOf, tokenAutomounted } from "../secrets/refs.js";
import type { Workload } from "../workloads.js";
import { saRef, topWorkloads, uniqueIds } from "./common.js";

export const unsegmentedPowerfulToken: CheckDef = {
  meta: {
    id: "path.unsegmented-powerful-token",
    title: "Attack path: reachable pod with a powerful token",
    severity: "critical",
    panel: "network",
    description:
      "A pod not isolated for ingress (its namespace is unsegmented) mounts the token of a service account that can read all secrets, create pods or escalate. Any compromised pod in the cluster can reach it. Ranks above its parts; `chain` lists them.",
    remediation:
      "Add a default-deny NetworkPolicy to the namespace (see the network findings), and stop mounting the token or narrow the account's RBAC.",
    references: [
      "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
      "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
    ],
  },
};

/** Paths of `workloads` (default: every top workload), their parts looked up in `pool` (default: ctx.findings). */
export function detectUnsegmentedTokenPaths(
  ctx: AnalysisContext,
  workloads: readonly Workload[] = topWorkloads(ctx.store, ctx.owners),
  pool: readonly Finding[] = ctx.findings,
): Finding[] {
  const rbac = ctx.models.rbac;
  const network = ctx.models.network;
  if (!rbac || !network) return [];
  const out: Finding[] = [];
  for (const w of workloads) {
    if (!tokenAutomounted(w, ctx.store) || hasProjectedToken(w)) continue;
    let segmentation: string | undefined;
    let isolatedIngress: boolean | undefined;
    try {
      segmentation = network.segmentationOf(w.namespace);
      isolatedIngress = network.isolationOf(refKey(w.ref))?.ingress;
    } catch {
      continue; // another engine's bug must not take this one down
    }
    // Reachable: the pod is known not to be isolated, or (unknown pod) the namespace has no policy.
    const reachable = isolatedIngress === false || (isolatedIngress === undefined && segmentation === "none");
    if (!reachable) continue;
    const sa = serviceAccountOf(w);
    const power = powerOf(rbac, sa, w.namespace);
    if (power?.level !== "critical") continue;
    const nsRef = { apiVersion: "v1", kind: "Namespace", name: w.namespace };
    const parts = [
      ...findingsAbout(pool, nsRef, (f) => f.panel === "network"),
      ...findingsAbout(pool, w.ref, (f) => f.panel === "network" || f.check === "secret.token-automount"),
      ...findingsAbout(pool, saRef(sa), (f) => f.panel === "rbac"),
    ];
    out.push(
      makeFinding({
        meta: unsegmentedPowerfulToken.meta,
        resource: w.ref,
        message: `reachable from any pod (namespace ${w.namespace}: ${segmentation === "none" ? "no NetworkPolicy" : "pod not isolated for ingress"}) and mounts the token of ${subjectLabel(sa)}, which can ${power.reasons.join(", ")}`,
        chain: uniqueIds(parts),
        related: uniqueRefs([nsRef, saRef(sa), ...power.bindings]),
      }),
    );
  }
  return out;
}

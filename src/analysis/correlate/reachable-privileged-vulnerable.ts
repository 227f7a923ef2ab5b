// Attack path: a workload reachable from the internet (a LoadBalancer or NodePort
// Service selects it) or from any pod (nothing isolates its ingress), that runs
// privileged or with host access, and whose image has a critical CVE with a fix.
// The exploit is public, the way in is open, and the landing spot owns the node.
import { type KObject, type ResourceRef, refKey, refOf, uniqueRefs } from "../../cluster/objects.js";
import { isRecord } from "../../util/record.js";
import type { AnalysisContext, CheckDef } from "../engine.js";
import { type Finding, makeFinding } from "../finding.js";
import { findingsAbout } from "../findings-about.js";
import { matches, parseSelector } from "../network/selectors.js";
import type { Workload } from "../workloads.js";
import { topWorkloads, uniqueIds } from "./common.js";

export const reachablePrivilegedVulnerable: CheckDef = {
  meta: {
    id: "path.reachable-privileged-vulnerable",
    title: "Attack path: reachable privileged workload with a fixable critical CVE",
    severity: "critical",
    panel: "images",
    description:
      "A workload that the internet (a LoadBalancer or NodePort Service selects it) or any pod in the cluster (no NetworkPolicy isolates its ingress) can reach runs privileged or with host access, and its image has a critical vulnerability with a fix available. Exploit the service, land as root on the node. Ranks above its parts; `chain` lists them.",
    remediation:
      "Patch first (rebuild on the fixed versions: see the image.vulnerable finding), then drop the host access (see the pod findings) and isolate its ingress (default-deny NetworkPolicy).",
    references: [
      "https://kubernetes.io/docs/concepts/security/security-checklist/#images",
      "MITRE ATT&CK T1190 (Exploit Public-Facing Application), T1611 (Escape to Host)",
    ],
  },
};

/** Pod Security baseline controls whose failure gives the container the node. */
const HOST_CHECKS = new Set([
  "pod.privileged",
  "pod.host-namespaces",
  "pod.host-path",
  "pod.host-process",
  "pod.capabilities",
]);

/** Services that expose the workload's pods outside the cluster. */
function exposingServices(ctx: AnalysisContext, w: Workload): KObject[] {
  return ctx.store.inNamespace("Service", w.namespace).filter((svc) => {
    const spec = isRecord(svc.spec) ? svc.spec : {};
    if (spec.type !== "LoadBalancer" && spec.type !== "NodePort") return false;
    if (!isRecord(spec.selector) || !Object.keys(spec.selector).length) return false;
    return matches(parseSelector({ matchLabels: spec.selector }), w.podLabels);
  });
}

export function detectReachablePrivilegedVulnerable(
  ctx: AnalysisContext,
  workloads: readonly Workload[] = topWorkloads(ctx.store, ctx.owners),
  pool: readonly Finding[] = ctx.findings,
): Finding[] {
  const network = ctx.models.network;
  const out: Finding[] = [];
  for (const w of workloads) {
    const vulnerable = findingsAbout(pool, w.ref, (f) => f.check === "image.vulnerable" && f.severity === "critical");
    if (!vulnerable.length) continue;
    const host = findingsAbout(pool, w.ref, (f) => HOST_CHECKS.has(f.check));
    if (!host.length) continue;
    const services = exposingServices(ctx, w);
    let clusterReach: string | undefined;
    try {
      const seg = network?.segmentationOf(w.namespace);
      const ingress = network?.isolationOf(refKey(w.ref))?.ingress;
      if (ingress === false || (ingress === undefined && seg === "none"))
        clusterReach = seg === "none" ? `no NetworkPolicy in ${w.namespace}` : "its ingress is not isolated";
    } catch {
      clusterReach = undefined; // another engine's bug must not take this one down
    }
    if (!services.length && !clusterReach) continue;
    const way = services.length
      ? `reachable from outside the cluster through Service ${services.map((s) => `${s.metadata.name} (${(s.spec as { type: string }).type})`).join(", ")}`
      : `reachable from any pod (${clusterReach})`;
    const related: ResourceRef[] = [...services.map(refOf), ...vulnerable.flatMap((f) => f.related ?? [])];
    out.push(
      makeFinding({
        meta: reachablePrivilegedVulnerable.meta,
        resource: w.ref,
        message: `${way}, runs with ${[...new Set(host.map((f) => f.title.toLowerCase()))].slice(0, 2).join(", ")}, and its image has a critical CVE with a fix (${vulnerable.map((f) => f.container).join(", ")}): one public exploit owns the node`,
        chain: uniqueIds([...vulnerable, ...host]),
        related: uniqueRefs(related),
      }),
    );
  }
  return out;
}

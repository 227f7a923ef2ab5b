// Attack path: a pod that is already root on its node (privileged, hostPID,
// hostPath) and carries the token of an account that can read every secret or
// create pods. Escape the container or just use the token: either way the
// attacker gets the cluster's credentials.
import { uniqueRefs } from "../../cluster/objects.js";
import { isRecord } from "../../util/record.js";
import type { AnalysisContext, CheckDef } from "../engine.js";
import { type Finding, makeFinding } from "../finding.js";
import { findingsAbout } from "../findings-about.js";
import { powerOf, subjectLabel } from "../secrets/power.js";
import { serviceAccountOf, tokenAutomounted } from "../secrets/refs.js";
import { containersOf, type Workload } from "../workloads.js";
import { saRef, topWorkloads, uniqueIds } from "./common.js";

export const privilegedPodSecretsReader: CheckDef = {
  meta: {
    id: "path.privileged-pod-secrets-reader",
    title: "Attack path: node-level pod with a cluster-reaching token",
    severity: "critical",
    panel: "pods",
    description:
      "A pod that can take over its node (privileged container, hostPID or hostPath) mounts the token of a service account that can read all secrets or create pods. One compromised container gives the cluster's credentials. Ranks above its parts; `chain` lists them.",
    remediation:
      "Break either link: drop the host access (see the pod findings) or stop mounting the token and narrow the account's RBAC.",
    references: [
      "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
      "MITRE ATT&CK T1611 (Escape to Host)",
    ],
  },
};

/** What makes the pod node-level, in words; empty when nothing does. */
function hostAccess(w: Workload): string[] {
  const out: string[] = [];
  const priv = containersOf(w).filter((c) => c.container.securityContext?.privileged === true);
  if (priv.length)
    out.push(`privileged container${priv.length > 1 ? "s" : ""} ${priv.map((c) => `"${c.name}"`).join(", ")}`);
  if (w.podSpec.hostPID === true) out.push("hostPID");
  const volumes = Array.isArray(w.podSpec.volumes) ? w.podSpec.volumes : [];
  const host = volumes.flatMap((v) => {
    const hp: unknown = isRecord(v) ? v.hostPath : undefined;
    return isRecord(hp) ? [String(hp.path ?? "?")] : [];
  });
  if (host.length) out.push(`hostPath ${host.join(", ")}`);
  return out;
}

const HOST_CHECK = /privileged|host-?pid|host-?path|host-namespaces|hostpath|hostpid/i;

/** Paths of `workloads` (default: every top workload), their parts looked up in `pool` (default: ctx.findings). */
export function detectPrivilegedPodPaths(
  ctx: AnalysisContext,
  workloads: readonly Workload[] = topWorkloads(ctx.store, ctx.owners),
  pool: readonly Finding[] = ctx.findings,
): Finding[] {
  const rbac = ctx.models.rbac;
  if (!rbac) return [];
  const out: Finding[] = [];
  for (const w of workloads) {
    const access = hostAccess(w);
    if (!access.length || !tokenAutomounted(w, ctx.store)) continue;
    const sa = serviceAccountOf(w);
    const power = powerOf(rbac, sa, w.namespace);
    if (!power || !(power.readsAllSecrets || power.createsPods)) continue;
    const parts = [
      ...findingsAbout(pool, w.ref, (f) => f.panel === "pods" && HOST_CHECK.test(f.check)),
      ...findingsAbout(pool, w.ref, (f) => f.check === "secret.token-automount"),
      ...findingsAbout(pool, saRef(sa), (f) => f.panel === "rbac"),
    ];
    out.push(
      makeFinding({
        meta: privilegedPodSecretsReader.meta,
        resource: w.ref,
        message: `${access.join(", ")} with the token of ${subjectLabel(sa)}, which can ${power.reasons.join(", ")}: one compromised container ${power.level === "critical" ? "reaches the whole cluster" : "owns the node and all this account can reach"}`,
        chain: uniqueIds(parts),
        related: uniqueRefs([saRef(sa), ...power.bindings]),
      }),
    );
  }
  return out;
}

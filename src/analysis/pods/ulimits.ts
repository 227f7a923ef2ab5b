// PSS baseline "Ulimits" (Kubernetes 1.37, pod-security-admission policy
// check_ulimits_baseline.go): no container (init and ephemeral included) may set
// securityContext.ulimits; only the Privileged level allows raising them.
import { isRecord } from "../../util/record.js";
import { makeFinding } from "../finding.js";
import { containersOf } from "../workloads.js";
import { containerPatch, containerSecurityContext, type PssCheck } from "./pss.js";

/** Whether a ulimits value sets anything (PSA: any non-empty value). */
function setsUlimits(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (isRecord(v)) return Object.keys(v).length > 0;
  return false;
}

export const ulimits: PssCheck = {
  breaks: "baseline",
  meta: {
    id: "pod.ulimits",
    title: "Container ulimits set",
    severity: "medium",
    panel: "pods",
    description:
      "The container sets its own resource limits (ulimits: open files, locked memory, core size, processes): raised limits let it exhaust node resources shared with other pods. Pod Security baseline forbids securityContext.ulimits since Kubernetes 1.37.",
    remediation:
      "Remove securityContext.ulimits and rely on the node's defaults (or run the workload in a privileged namespace).",
    references: ["PSS baseline: Ulimits (Kubernetes 1.37)"],
  },
  detect(w) {
    return containersOf(w).flatMap((c) => {
      const sc = containerSecurityContext(c.container);
      if (!setsUlimits(sc?.ulimits)) return [];
      return [
        makeFinding({
          meta: ulimits.meta,
          resource: w.ref,
          container: c.name,
          path: `${c.path}.securityContext.ulimits`,
          message: `container "${c.name}" sets its own ulimits`,
        }),
      ];
    });
  },
  fix(finding) {
    const patch = containerPatch(finding, { securityContext: { ulimits: null } });
    if (!patch) return undefined;
    return {
      kind: "podSpec",
      patch,
      explain: `pod.ulimits: container ${finding.container} uses the node's default limits`,
      mayBreak:
        "programs that need more open files or locked memory than the node's default (databases, JVMs with large heaps)",
    };
  },
};

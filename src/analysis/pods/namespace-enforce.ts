// Namespaces without a Pod Security admission enforce label. The fix labels the
// namespace with the strictest level its current pods and pod templates already
// meet, so enforcing it rejects nothing that runs (or that controllers will
// create next). A namespace that only meets "privileged" gets no patch: labelling
// it would change nothing; its workloads need fixing first.
import type { KObject } from "../../cluster/objects.js";
import { refOf, WORKLOAD_KINDS } from "../../cluster/objects.js";
import type { CheckDef, PodSecurityLevel } from "../engine.js";
import { type Finding, makeFinding } from "../finding.js";

export const ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";

export const namespaceEnforce: CheckDef = {
  // The level it could enforce comes from the workloads of the namespace.
  reads: { kinds: WORKLOAD_KINDS },
  meta: {
    id: "pod.namespace-no-enforce",
    title: "Namespace without Pod Security enforcement",
    severity: "medium",
    panel: "pods",
    description:
      "The namespace has no pod-security.kubernetes.io/enforce label, so Pod Security admission accepts any pod in it, privileged ones included.",
    remediation:
      "Label the namespace with the strictest level its workloads meet (pod-security.kubernetes.io/enforce=restricted or baseline).",
    references: ["Kubernetes: Pod Security Admission", "CIS 5.2.1"],
  },
  fix(finding, ctx) {
    const model = ctx.models.pods;
    const level = model?.enforceableLevelOf(finding.resource.name);
    if (!level || level === "privileged") return undefined;
    return {
      kind: "object",
      patch: { metadata: { labels: { [ENFORCE_LABEL]: level } } },
      explain: `pod.namespace-no-enforce: namespace ${finding.resource.name} enforces the ${level} Pod Security Standard`,
      mayBreak: `new pods that do not meet ${level} are rejected (running pods keep running; check Helm charts and operators that create pods here)`,
    };
  },
};

/** One finding per Namespace object in the store that has no enforce label. */
export function namespaceFindings(
  namespaces: readonly KObject[],
  levelOf: (ns: string) => PodSecurityLevel,
): Finding[] {
  const out: Finding[] = [];
  for (const ns of namespaces) {
    if (ns.metadata.labels[ENFORCE_LABEL] !== undefined) continue;
    const level = levelOf(ns.metadata.name);
    const ref = refOf(ns);
    out.push(
      makeFinding({
        meta: namespaceEnforce.meta,
        resource: ref,
        path: `metadata.labels['${ENFORCE_LABEL}']`,
        message:
          level === "privileged"
            ? `namespace "${ns.metadata.name}" enforces no Pod Security level, and its workloads need "privileged": fix them before labelling it`
            : `namespace "${ns.metadata.name}" enforces no Pod Security level; its workloads already meet "${level}"`,
        fix: { target: ref, type: level === "privileged" ? "none" : "strategic" },
      }),
    );
  }
  return out;
}

// net.policy-selects-nothing: a policy whose podSelector matches no Pod and no
// pod template of its namespace — usually a label typo, so the pods it was
// written for are not protected.
import { makeFinding } from "../finding.js";
import type { NamespaceCheck } from "./check.js";
import { describeSelector, isEmpty, matches } from "./selectors.js";

export const policySelectsNothing: NamespaceCheck = {
  meta: {
    id: "net.policy-selects-nothing",
    title: "NetworkPolicy selects no pod",
    severity: "low",
    panel: "network",
    description:
      "The policy's podSelector matches no Pod and no controller pod template in its namespace (or cannot be understood): it protects nothing, often because of a label typo.",
    remediation:
      "Fix the podSelector to match the intended pods' labels (kubectl get pods --show-labels), or delete the policy if it is obsolete.",
    references: ["Kubernetes docs: Network Policies — The NetworkPolicy resource (podSelector)"],
  },
  detect(ns) {
    return ns.policies
      .filter((p) => !isEmpty(p.podSelector) && !ns.workloads.some((w) => matches(p.podSelector, w.workload.podLabels)))
      .map((p) =>
        makeFinding({
          meta: policySelectsNothing.meta,
          resource: p.ref,
          path: "spec.podSelector",
          message: `NetworkPolicy ${p.namespace}/${p.ref.name} selects no pod or template in ${ns.namespace} (podSelector ${describeSelector(p.podSelector)})`,
        }),
      );
  },
};

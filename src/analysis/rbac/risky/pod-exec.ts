// exec/attach/port-forward/ephemeral containers: a shell in running pods, with their
// service-account tokens and mounted secrets.
import { rbacFix } from "../fix.js";
import { GOOD_PRACTICES, ruleCheck } from "./check.js";

export const podExec = ruleCheck({
  meta: {
    id: "rbac.pod-exec",
    title: "Can exec into pods",
    severity: "high",
    panel: "rbac",
    description:
      "create or get on pods/exec, pods/attach or pods/portforward, or update/patch on pods/ephemeralcontainers: the subject can run commands in existing pods and use their tokens, secrets and network position. High cluster-wide, medium in a namespace.",
    remediation: "Keep exec for on-call humans through a separate, audited role; workloads rarely need it.",
    references: ["CIS 5.1.4", `${GOOD_PRACTICES}: workload creation`],
  },
  namespaced: "medium",
  probes: [
    { verbs: ["create", "get"], groups: [""], resources: ["pods/exec", "pods/attach", "pods/portforward"] },
    { verbs: ["update", "patch"], groups: [""], resources: ["pods/ephemeralcontainers"] },
  ],
  what: (scope) => `can exec into pods ${scope === "cluster" ? "in every namespace" : `in ${scope}`}`,
  fix: rbacFix,
});

// Creating (or rewriting) pods or anything that makes pods = running any image,
// privileged if admission allows, with any secret or service account of the namespace.
import { rbacFix } from "../fix.js";
import { GOOD_PRACTICES, ruleCheck } from "./check.js";

export const workloadCreate = ruleCheck({
  meta: {
    id: "rbac.workload-create",
    title: "Can create workloads",
    severity: "high",
    panel: "rbac",
    description:
      "create, update or patch on pods, deployments, daemonsets, statefulsets, replicasets, replicationcontrollers, jobs or cronjobs: the subject can run any pod, privileged or host-mounting where admission allows it, and mount any secret or service-account token of the namespace. High cluster-wide, medium in a namespace.",
    remediation:
      "Give workload creation to a deployment pipeline identity only, and enforce Pod Security admission in the namespace.",
    references: ["CIS 5.1.4", `${GOOD_PRACTICES}: workload creation`],
  },
  namespaced: "medium",
  probes: [
    { verbs: ["create", "update", "patch"], groups: [""], resources: ["pods", "replicationcontrollers"] },
    {
      verbs: ["create", "update", "patch"],
      groups: ["apps"],
      resources: ["deployments", "daemonsets", "statefulsets", "replicasets"],
    },
    { verbs: ["create", "update", "patch"], groups: ["batch"], resources: ["jobs", "cronjobs"] },
  ],
  what: (scope) => `can create workloads ${scope === "cluster" ? "in every namespace" : `in ${scope}`}`,
  fix: rbacFix,
});

// delete / deletecollection on what holds an application and its data: namespaces
// (everything in them), workloads, PersistentVolumeClaims (the data, with a Delete
// reclaim policy), Secrets (credentials other workloads need). One rule can take a
// service down or destroy data; cluster-wide it is every namespace's.
import { rbacFix } from "../fix.js";
import { ruleCheck } from "./check.js";

const DELETE = ["delete", "deletecollection"];

export const destructiveDelete = ruleCheck({
  meta: {
    id: "rbac.destructive-delete",
    title: "Can delete namespaces, workloads, volumes or Secrets",
    severity: "high",
    panel: "rbac",
    description:
      "delete or deletecollection on namespaces, persistentvolumes, persistentvolumeclaims, secrets, pods, deployments, statefulsets, daemonsets, replicasets, replicationcontrollers, jobs or cronjobs: the subject can take applications down and destroy their data (a deleted namespace takes everything in it; a deleted claim its volume, with the usual Delete reclaim policy). High cluster-wide, medium in a namespace (a RoleBinding's delete on namespaces reaches its own namespace).",
    remediation:
      "Keep delete and deletecollection for the deployment pipeline or administrators; limit it with resourceNames where one object must be replaced.",
    references: ["MITRE ATT&CK T1485 (Data Destruction)", "MITRE ATT&CK T1489 (Service Stop)"],
  },
  namespaced: "medium",
  probes: [
    {
      verbs: DELETE,
      groups: [""],
      resources: [
        "namespaces",
        "persistentvolumes",
        "persistentvolumeclaims",
        "secrets",
        "pods",
        "replicationcontrollers",
      ],
    },
    { verbs: DELETE, groups: ["apps"], resources: ["deployments", "statefulsets", "daemonsets", "replicasets"] },
    { verbs: DELETE, groups: ["batch"], resources: ["jobs", "cronjobs"] },
  ],
  what: (scope) =>
    scope === "cluster"
      ? "can delete namespaces, workloads, volumes or Secrets in every namespace"
      : `can delete workloads, volume claims or Secrets in ${scope}`,
  fix: rbacFix,
});

// A PersistentVolume can be a hostPath: create one, claim it, mount the node's disk.
import { rbacFix } from "../fix.js";
import { GOOD_PRACTICES, ruleCheck } from "./check.js";

export const pvCreate = ruleCheck({
  meta: {
    id: "rbac.pv-create",
    title: "Can create PersistentVolumes",
    severity: "high",
    panel: "rbac",
    description:
      "create on persistentvolumes: the subject can create a hostPath volume and, with a claim, mount any path of a node, bypassing Pod Security's hostPath restriction.",
    remediation: "Use PersistentVolumeClaims with a StorageClass; leave PersistentVolumes to storage administrators.",
    references: ["CIS 5.1.9", `${GOOD_PRACTICES}: persistent volume creation`],
  },
  namespaced: "high",
  clusterOnly: true,
  probes: [{ verbs: ["create"], groups: [""], resources: ["persistentvolumes"], anyName: true }],
  what: () => "can create PersistentVolumes (hostPath)",
  fix: rbacFix,
});

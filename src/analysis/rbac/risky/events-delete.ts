// Deleting Events removes the record of what happened (image pulls, exec'd probes,
// scheduling, evictions): an attacker covers their tracks.
import { rbacFix } from "../fix.js";
import { ruleCheck } from "./check.js";

export const eventsDelete = ruleCheck({
  meta: {
    id: "rbac.events-delete",
    title: "Can delete Events",
    severity: "medium",
    panel: "rbac",
    description:
      "delete or deletecollection on events (core or events.k8s.io): the subject can erase the cluster's record of what happened — pulls, restarts, evictions, failed mounts — and so cover its tracks. Medium cluster-wide, low in a namespace. Events expire on their own; nobody needs to delete them.",
    remediation:
      "Remove delete and deletecollection on events from the role; reading events is enough for troubleshooting.",
    references: [
      "MITRE ATT&CK T1070 (Indicator Removal)",
      "Microsoft Threat Matrix for Kubernetes: Delete Kubernetes events",
    ],
  },
  namespaced: "low",
  probes: [
    { verbs: ["delete", "deletecollection"], groups: ["", "events.k8s.io"], resources: ["events"], anyName: true },
  ],
  what: (scope) => (scope === "cluster" ? "can delete Events in every namespace" : `can delete Events in ${scope}`),
  fix: rbacFix,
});

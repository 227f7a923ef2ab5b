// nodes/proxy reaches the kubelet API: exec in any pod on the node, unaudited.
import { rbacFix } from "../fix.js";
import { GOOD_PRACTICES, ruleCheck } from "./check.js";

export const nodesProxy = ruleCheck({
  meta: {
    id: "rbac.nodes-proxy",
    title: "Can proxy to nodes (kubelet API)",
    severity: "critical",
    panel: "rbac",
    description:
      "Any verb on nodes/proxy: the subject reaches the kubelet API and can run commands in every pod on the node, bypassing audit logging and admission control. Nodes are cluster-scoped, so only cluster-wide grants count.",
    remediation: "Scrape metrics through nodes/metrics or the metrics endpoints instead of nodes/proxy.",
    references: ["CIS 5.1.10", `${GOOD_PRACTICES}: access to proxy subresource of Nodes`],
  },
  namespaced: "critical",
  clusterOnly: true,
  probes: [{ verbs: "any", groups: [""], resources: ["nodes/proxy"], anyName: true }],
  what: () => "can reach the kubelet API of every node (nodes/proxy)",
  fix: rbacFix,
});

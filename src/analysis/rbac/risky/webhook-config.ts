// Admission webhooks and policies see (and may rewrite or block) every object written.
import { rbacFix } from "../fix.js";
import { GOOD_PRACTICES, ruleCheck } from "./check.js";

export const webhookConfig = ruleCheck({
  meta: {
    id: "rbac.webhook-config",
    title: "Can configure admission webhooks",
    severity: "critical",
    panel: "rbac",
    description:
      "create, update or patch on mutating/validating webhook configurations or admission policies: the subject can read every object written to the API (secrets included), rewrite pods as they are created, or switch admission control off.",
    remediation: "Leave admission configuration to the cluster's platform identity.",
    references: ["CIS 5.1.12", `${GOOD_PRACTICES}: control admission webhooks`],
  },
  namespaced: "critical",
  clusterOnly: true,
  probes: [
    {
      verbs: ["create", "update", "patch"],
      groups: ["admissionregistration.k8s.io"],
      resources: [
        "mutatingwebhookconfigurations",
        "validatingwebhookconfigurations",
        "validatingadmissionpolicies",
        "validatingadmissionpolicybindings",
        "mutatingadmissionpolicies",
        "mutatingadmissionpolicybindings",
      ],
      anyName: true,
    },
  ],
  what: () => "can configure admission webhooks",
  fix: rbacFix,
});

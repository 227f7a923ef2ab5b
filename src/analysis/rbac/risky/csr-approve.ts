// Approving CSRs needs both update on certificatesigningrequests/approval and
// approve on the signer: together they issue client certificates (system:masters too).
import { rbacFix } from "../fix.js";
import type { Grant } from "../resolve.js";
import { GOOD_PRACTICES, type Probe, type RiskyCheck, ruleMatchesProbe } from "./check.js";

const APPROVAL: Probe = {
  verbs: ["update", "patch"],
  groups: ["certificates.k8s.io"],
  resources: ["certificatesigningrequests/approval"],
  anyName: true,
};
const SIGNER: Probe = { verbs: ["approve"], groups: ["certificates.k8s.io"], resources: ["signers"], anyName: true };

export const csrApprove: RiskyCheck = {
  meta: {
    id: "rbac.csr-approve",
    title: "Can approve certificate requests",
    severity: "critical",
    panel: "rbac",
    description:
      "update on certificatesigningrequests/approval together with approve on signers: the subject can approve its own certificate requests and authenticate as any user or group (system:masters included). Reported only when both halves are granted cluster-wide.",
    remediation: "Leave CSR approval to the controller manager and the cluster administrators.",
    references: ["CIS 5.1.11", `${GOOD_PRACTICES}: CSRs and certificate issuing`],
  },
  namespaced: "critical",
  ruleRisky: (rule) => ruleMatchesProbe(rule, APPROVAL) || ruleMatchesProbe(rule, SIGNER),
  evidence(_subject, grants) {
    const cluster = grants.filter((g) => g.scope === "cluster");
    const approval: Grant[] = cluster.filter((g) => ruleMatchesProbe(g.rule, APPROVAL));
    const signer: Grant[] = cluster.filter((g) => ruleMatchesProbe(g.rule, SIGNER));
    return approval.length && signer.length ? [...approval, ...signer] : [];
  },
  what: () => "can approve certificate signing requests",
  fix: rbacFix,
};

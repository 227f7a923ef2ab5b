// cluster.apiserver-authorization: AlwaysAllow among the authorization modes, or
// Node / RBAC missing (CIS 1.2.6–1.2.8). The default mode is AlwaysAllow.
import type { Severity } from "../finding.js";
import { type FlagItem, flagCheck } from "./control-plane.js";
import { listValues } from "./flags.js";

const modes = (flags: Parameters<typeof listValues>[0]) => {
  const set = listValues(flags, "authorization-mode");
  return {
    set,
    shown: set.length ? set.join(",") : "AlwaysAllow (not set: the default)",
    effective: set.length ? set : ["AlwaysAllow"],
  };
};

/** One CIS item per mode: wrong when the mode is present (AlwaysAllow) or absent (Node, RBAC). */
const MODE_RULES: readonly {
  cis: string;
  cisText: string;
  mode: string;
  wrongWhen: "present" | "absent";
  /** Unset: the check's own (high). */
  severity?: Severity;
  /** What follows "--authorization-mode is <modes>" in the message. */
  says: string;
}[] = [
  {
    cis: "1.2.6",
    cisText: "Ensure that the --authorization-mode argument is not set to AlwaysAllow",
    mode: "AlwaysAllow",
    wrongWhen: "present",
    severity: "critical",
    says: ": every authenticated request is allowed",
  },
  {
    cis: "1.2.7",
    cisText: "Ensure that the --authorization-mode argument includes Node",
    mode: "Node",
    wrongWhen: "absent",
    severity: "medium",
    says: ", without Node: kubelets are not confined to their own node's pods and secrets",
  },
  {
    cis: "1.2.8",
    cisText: "Ensure that the --authorization-mode argument includes RBAC",
    mode: "RBAC",
    wrongWhen: "absent",
    says: ", without RBAC: Roles and RoleBindings are not enforced",
  },
];

export const apiserverAuthorization = flagCheck(
  {
    id: "cluster.apiserver-authorization",
    title: "API server authorization modes",
    severity: "high",
    panel: "cluster",
    description:
      "kube-apiserver's --authorization-mode decides who may do what. AlwaysAllow (also the default when the flag is absent) lets every authenticated request through — critical. Without RBAC, Roles and bindings mean nothing; without Node, kubelets are not limited to their own node's objects.",
    remediation: "Set --authorization-mode=Node,RBAC in the kube-apiserver static pod manifest.",
    references: [
      "CIS Kubernetes Benchmark 1.2.6: Ensure that the --authorization-mode argument is not set to AlwaysAllow",
      "CIS Kubernetes Benchmark 1.2.7: Ensure that the --authorization-mode argument includes Node",
      "CIS Kubernetes Benchmark 1.2.8: Ensure that the --authorization-mode argument includes RBAC",
      "Kubernetes docs: Authorization — Authorization modes",
    ],
  },
  MODE_RULES.map(
    (rule): FlagItem => ({
      cis: rule.cis,
      cisText: rule.cisText,
      component: "kube-apiserver",
      flag: "authorization-mode",
      want: "--authorization-mode=Node,RBAC",
      configFlags: ["authorization-config"],
      evaluate(flags) {
        const m = modes(flags);
        const present = m.effective.includes(rule.mode);
        if (present !== (rule.wrongWhen === "present")) return undefined;
        return {
          ...(rule.severity ? { severity: rule.severity } : {}),
          current: m.shown,
          message: `--authorization-mode is ${m.shown}${rule.says}`,
        };
      },
    }),
  ),
);

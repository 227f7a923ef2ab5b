// cluster.apiserver-authorization: AlwaysAllow among the authorization modes, or
// Node / RBAC missing (CIS 1.2.6–1.2.8). The default mode is AlwaysAllow.
import { flagCheck } from "./control-plane.js";
import { listValues } from "./flags.js";

const modes = (flags: Parameters<typeof listValues>[0]) => {
  const set = listValues(flags, "authorization-mode");
  return {
    set,
    shown: set.length ? set.join(",") : "AlwaysAllow (not set: the default)",
    effective: set.length ? set : ["AlwaysAllow"],
  };
};

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
  [
    {
      cis: "1.2.6",
      cisText: "Ensure that the --authorization-mode argument is not set to AlwaysAllow",
      component: "kube-apiserver",
      flag: "authorization-mode",
      want: "--authorization-mode=Node,RBAC",
      configFlags: ["authorization-config"],
      evaluate(flags) {
        const m = modes(flags);
        if (!m.effective.includes("AlwaysAllow")) return undefined;
        return {
          severity: "critical",
          current: m.shown,
          message: `--authorization-mode is ${m.shown}: every authenticated request is allowed`,
        };
      },
    },
    {
      cis: "1.2.7",
      cisText: "Ensure that the --authorization-mode argument includes Node",
      component: "kube-apiserver",
      flag: "authorization-mode",
      want: "--authorization-mode=Node,RBAC",
      configFlags: ["authorization-config"],
      evaluate(flags) {
        const m = modes(flags);
        if (m.effective.includes("Node")) return undefined;
        return {
          severity: "medium",
          current: m.shown,
          message: `--authorization-mode is ${m.shown}, without Node: kubelets are not confined to their own node's pods and secrets`,
        };
      },
    },
    {
      cis: "1.2.8",
      cisText: "Ensure that the --authorization-mode argument includes RBAC",
      component: "kube-apiserver",
      flag: "authorization-mode",
      want: "--authorization-mode=Node,RBAC",
      configFlags: ["authorization-config"],
      evaluate(flags) {
        const m = modes(flags);
        if (m.effective.includes("RBAC")) return undefined;
        return {
          current: m.shown,
          message: `--authorization-mode is ${m.shown}, without RBAC: Roles and RoleBindings are not enforced`,
        };
      },
    },
  ],
);

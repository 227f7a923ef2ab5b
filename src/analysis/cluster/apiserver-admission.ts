// cluster.apiserver-admission: AlwaysAdmit enabled, or NodeRestriction not enabled
// (CIS 1.2.10, 1.2.14).
import { flagCheck } from "./control-plane.js";
import { listValues } from "./flags.js";

export const apiserverAdmission = flagCheck(
  {
    id: "cluster.apiserver-admission",
    title: "API server admission plugins",
    severity: "medium",
    panel: "cluster",
    description:
      "AlwaysAdmit accepts every request whatever other admission plugins say (high). Without NodeRestriction a kubelet's credentials can modify any Node and the pods of other nodes, so one compromised node reaches the whole cluster (medium).",
    remediation:
      "In --enable-admission-plugins of the kube-apiserver static pod manifest: remove AlwaysAdmit, and include NodeRestriction.",
    references: [
      "CIS Kubernetes Benchmark 1.2.10: Ensure that the admission control plugin AlwaysAdmit is not set",
      "CIS Kubernetes Benchmark 1.2.14: Ensure that the admission control plugin NodeRestriction is set",
      "Kubernetes docs: Admission Control — NodeRestriction",
    ],
  },
  [
    {
      cis: "1.2.10",
      cisText: "Ensure that the admission control plugin AlwaysAdmit is not set",
      component: "kube-apiserver",
      flag: "enable-admission-plugins",
      want: "--enable-admission-plugins=NodeRestriction",
      evaluate(flags, value) {
        const on = listValues(flags, "enable-admission-plugins");
        if (!on.includes("AlwaysAdmit")) return undefined;
        const at =
          flags.byName.get("enable-admission-plugins")?.find((o) => o.value.split(",").includes("AlwaysAdmit")) ??
          value;
        return {
          severity: "high",
          current: on.join(","),
          message: "--enable-admission-plugins includes AlwaysAdmit: every request is admitted",
          ...(at ? { at } : {}),
        };
      },
    },
    {
      cis: "1.2.14",
      cisText: "Ensure that the admission control plugin NodeRestriction is set",
      component: "kube-apiserver",
      flag: "enable-admission-plugins",
      want: "--enable-admission-plugins=NodeRestriction",
      evaluate(flags) {
        const on = listValues(flags, "enable-admission-plugins");
        if (
          on.includes("NodeRestriction") &&
          !listValues(flags, "disable-admission-plugins").includes("NodeRestriction")
        )
          return undefined;
        return {
          current: on.length ? on.join(",") : "(not set: NodeRestriction is not a default plugin)",
          message: "NodeRestriction is not enabled: a kubelet's credentials can change other nodes and their pods",
        };
      },
    },
  ],
);

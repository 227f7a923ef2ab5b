// cluster.controller-manager-sa-credentials: controllers share the controller
// manager's own all-powerful identity (CIS 1.3.3). The default is false.
import { flagCheck, shown } from "./control-plane.js";
import { parseBool } from "./flags.js";

export const controllerManagerSaCredentials = flagCheck(
  {
    id: "cluster.controller-manager-sa-credentials",
    title: "Controllers share the controller manager's credentials",
    severity: "medium",
    panel: "cluster",
    description:
      "Without --use-service-account-credentials=true every controller acts as system:kube-controller-manager, with the union of all controllers' permissions, instead of its own least-privilege service account in kube-system.",
    remediation: "Set --use-service-account-credentials=true in the kube-controller-manager static pod manifest.",
    references: [
      "CIS Kubernetes Benchmark 1.3.3: Ensure that the --use-service-account-credentials argument is set to true",
      "Kubernetes docs: Using RBAC Authorization — Controller roles",
    ],
  },
  [
    {
      cis: "1.3.3",
      cisText: "Ensure that the --use-service-account-credentials argument is set to true",
      component: "kube-controller-manager",
      flag: "use-service-account-credentials",
      want: "--use-service-account-credentials=true",
      evaluate(_flags, value) {
        if (value && parseBool(value.value) === true) return undefined;
        return {
          current: shown(value, "false"),
          message: `--use-service-account-credentials is ${shown(value, "false")}: every controller runs with the controller manager's full permissions`,
        };
      },
    },
  ],
);

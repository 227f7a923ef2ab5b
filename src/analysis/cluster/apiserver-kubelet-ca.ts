// cluster.apiserver-kubelet-ca: the API server does not verify kubelets' serving
// certificates (CIS 1.2.5).
import { flagCheck } from "./control-plane.js";

export const apiserverKubeletCa = flagCheck(
  {
    id: "cluster.apiserver-kubelet-ca",
    title: "API server does not verify kubelet certificates",
    severity: "medium",
    panel: "cluster",
    description:
      "Without --kubelet-certificate-authority the API server connects to kubelets (exec, attach, logs, port-forward) without checking their serving certificate: whoever can intercept node traffic sees and alters those streams.",
    remediation:
      "Have kubelets get serving certificates signed by the cluster CA (serverTLSBootstrap and approved CSRs), then set --kubelet-certificate-authority to that CA on kube-apiserver.",
    references: [
      "CIS Kubernetes Benchmark 1.2.5: Ensure that the --kubelet-certificate-authority argument is set as appropriate",
      "Kubernetes docs: Control plane to node communication — API server to kubelet",
    ],
  },
  [
    {
      cis: "1.2.5",
      cisText: "Ensure that the --kubelet-certificate-authority argument is set as appropriate",
      component: "kube-apiserver",
      flag: "kubelet-certificate-authority",
      want: "--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt",
      evaluate(_flags, value) {
        if (value?.value) return undefined;
        return {
          current: "not set",
          message: "--kubelet-certificate-authority is not set: kubelet serving certificates are not verified",
        };
      },
    },
  ],
);

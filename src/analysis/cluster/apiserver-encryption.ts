// cluster.apiserver-encryption-at-rest: Secrets stored in etcd unencrypted (CIS 1.2.27).
import { flagCheck } from "./control-plane.js";

export const apiserverEncryption = flagCheck(
  {
    id: "cluster.apiserver-encryption-at-rest",
    title: "Secrets not encrypted at rest",
    severity: "medium",
    panel: "cluster",
    description:
      "kube-apiserver runs without --encryption-provider-config: Secrets are stored in etcd as plain base64, readable by anyone with the etcd data directory, a backup or etcd client access. (Which providers the file configures — CIS 1.2.28 — is not visible through the API.)",
    remediation:
      "Write an EncryptionConfiguration (aescbc, secretbox or kms v2 for secrets), pass it with --encryption-provider-config, then rewrite existing Secrets (kubectl get secrets -A -o json | kubectl replace -f -).",
    references: [
      "CIS Kubernetes Benchmark 1.2.27: Ensure that the --encryption-provider-config argument is set as appropriate",
      "Kubernetes docs: Encrypting Confidential Data at Rest",
    ],
  },
  [
    {
      cis: "1.2.27",
      cisText: "Ensure that the --encryption-provider-config argument is set as appropriate",
      component: "kube-apiserver",
      flag: "encryption-provider-config",
      want: "--encryption-provider-config=/etc/kubernetes/enc/encryption-config.yaml",
      evaluate(_flags, value) {
        if (value?.value) return undefined;
        return {
          current: "not set",
          message: "--encryption-provider-config is not set: Secrets are stored unencrypted in etcd",
        };
      },
    },
  ],
);

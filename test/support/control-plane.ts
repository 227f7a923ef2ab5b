// Control-plane pods as kubeadm, kind and rke2 write them (static pod manifests,
// seen through the API as mirror pods in kube-system), for the cluster checks' tests.
import { kubeadmApiserverFlags } from "../../src/cluster/demo/control-plane.js";

type Json = Record<string, unknown>;

export interface MirrorOpts {
  node?: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value: string }[];
  image?: string;
  volumes?: Json[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export function mirrorPod(component: string, o: MirrorOpts = {}): Json {
  const node = o.node ?? "cp-1";
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: `${component}-${node}`,
      namespace: "kube-system",
      uid: `uid-${component}-${node}`,
      labels: o.labels ?? { component, tier: "control-plane" },
      annotations: o.annotations ?? {
        "kubernetes.io/config.source": "file",
        "kubernetes.io/config.mirror": "0123456789abcdef",
      },
      ownerReferences: [{ apiVersion: "v1", kind: "Node", name: node, uid: `uid-node-${node}`, controller: true }],
    },
    spec: {
      nodeName: node,
      hostNetwork: true,
      containers: [
        {
          name: component,
          image: o.image ?? `registry.k8s.io/${component}:v1.34.1`,
          ...(o.command ? { command: o.command } : {}),
          ...(o.args ? { args: o.args } : {}),
          ...(o.env ? { env: o.env } : {}),
        },
      ],
      volumes: o.volumes ?? [],
    },
    status: { phase: "Running" },
  };
}

/** kubeadm defaults (kubeadm init): flags in `command`, --flag=value; the API server's are the demo's. */
export function kubeadmControlPlane(apiserverExtra: string[] = []): Json[] {
  return [
    mirrorPod("kube-apiserver", {
      command: ["kube-apiserver", ...kubeadmApiserverFlags("192.168.1.10"), ...apiserverExtra],
      volumes: [{ name: "k8s-certs", hostPath: { path: "/etc/kubernetes/pki" } }],
    }),
    mirrorPod("kube-controller-manager", {
      command: [
        "kube-controller-manager",
        "--bind-address=127.0.0.1",
        "--kubeconfig=/etc/kubernetes/controller-manager.conf",
        "--root-ca-file=/etc/kubernetes/pki/ca.crt",
        "--service-account-private-key-file=/etc/kubernetes/pki/sa.key",
        "--use-service-account-credentials=true",
      ],
    }),
    mirrorPod("kube-scheduler", {
      command: ["kube-scheduler", "--bind-address=127.0.0.1", "--kubeconfig=/etc/kubernetes/scheduler.conf"],
    }),
    mirrorPod("etcd", {
      image: "registry.k8s.io/etcd:3.6.4-0",
      command: [
        "etcd",
        "--cert-file=/etc/kubernetes/pki/etcd/server.crt",
        "--client-cert-auth=true",
        "--key-file=/etc/kubernetes/pki/etcd/server.key",
        "--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt",
        "--peer-client-cert-auth=true",
        "--peer-key-file=/etc/kubernetes/pki/etcd/peer.key",
        "--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt",
      ],
    }),
  ];
}

/**
 * kind's node image runs kubeadm too; this one was hand-weakened the ways people do
 * in throwaway clusters: `--flag value` form, a repeated list flag, AlwaysAllow,
 * and etcd without client TLS.
 */
export function kindControlPlane(): Json[] {
  return [
    mirrorPod("kube-apiserver", {
      node: "kind-control-plane",
      command: [
        "kube-apiserver",
        "--authorization-mode",
        "AlwaysAllow",
        "--enable-admission-plugins=NodeRestriction",
        "--enable-admission-plugins=AlwaysAdmit",
        "--anonymous-auth",
        "--profiling=false",
        "--audit-log-path=/var/log/kubernetes/audit.log",
        "--audit-log-maxage=7",
        "--runtime-config=api/all=true",
      ],
    }),
    mirrorPod("etcd", {
      node: "kind-control-plane",
      command: ["etcd", "--listen-client-urls=http://127.0.0.1:2379", "--auto-tls=true", "-peer-auto-tls"],
    }),
  ];
}

/** rke2 v1.34: `command` is the binary, flags in `args`; etcd reads a --config-file; scheduler a --config. */
export function rke2ControlPlane(): Json[] {
  const rke2 = [{ name: "dir0", hostPath: { path: "/var/lib/rancher/rke2/server/tls", type: "Directory" } }];
  return [
    mirrorPod("kube-apiserver", {
      node: "rke2-server-1",
      image: "index.docker.io/rancher/hardened-kubernetes:v1.34.1-rke2r1-build20250910",
      command: ["kube-apiserver"],
      args: [
        "--allow-privileged=true",
        "--anonymous-auth=false",
        "--audit-log-maxage=30",
        "--audit-log-maxbackup=10",
        "--audit-log-maxsize=100",
        "--audit-log-path=/var/lib/rancher/rke2/server/logs/audit.log",
        "--authorization-mode=Node,RBAC",
        "--enable-admission-plugins=NodeRestriction",
        "--encryption-provider-config=/var/lib/rancher/rke2/server/cred/encryption-config.json",
        "--kubelet-certificate-authority=/var/lib/rancher/rke2/server/tls/server-ca.crt",
        "--profiling=false",
      ],
      volumes: rke2,
    }),
    mirrorPod("kube-scheduler", {
      node: "rke2-server-1",
      command: ["kube-scheduler"],
      args: [
        "--config=/var/lib/rancher/rke2/server/sched/config.yaml",
        "--kubeconfig=/var/lib/rancher/rke2/server/cred/scheduler.kubeconfig",
      ],
      volumes: rke2,
    }),
    mirrorPod("etcd", {
      node: "rke2-server-1",
      command: ["etcd"],
      args: ["--config-file=/var/lib/rancher/rke2/server/db/etcd/config"],
      volumes: rke2,
    }),
  ];
}

export function nodeObject(name: string, kubeletVersion: string): Json {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: { name, uid: `uid-node-${name}` },
    status: {
      nodeInfo: {
        kubeletVersion,
        containerRuntimeVersion: "containerd://2.1.4",
        osImage: "Ubuntu 24.04 LTS",
        kernelVersion: "6.8.0",
        architecture: "amd64",
      },
    },
  };
}

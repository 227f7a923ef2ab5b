// The demo's cluster layer: a kubeadm-like control plane as mirror pods in
// kube-system (with a few weak flags: no audit log, no encryption at rest,
// profiling on, anonymous auth left at its default), two nodes on different
// minors (an upgrade left half done), what the API server says about itself,
// and quotas everywhere except the `dev` namespace.
import { deployment, meta, ns, sa } from "./build.js";

type Json = Record<string, unknown>;

export const DEMO_SERVER_VERSION = "v1.35.2";
const CP_NODE = "cp-1";

function mirrorPod(component: string, image: string, command: string[], volumes: Json[] = []): Json {
  const name = `${component}-${CP_NODE}`;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: meta("Pod", "kube-system", name, {
      labels: { component, tier: "control-plane" },
      annotations: {
        "kubernetes.io/config.source": "file",
        "kubernetes.io/config.mirror": "5c1a7f0e3b9d2c8a4f6e1d0b7a3c9e25",
        "kubernetes.io/config.hash": "5c1a7f0e3b9d2c8a4f6e1d0b7a3c9e25",
      },
      ownerReferences: [{ apiVersion: "v1", kind: "Node", name: CP_NODE, uid: "demo-node-cp-1", controller: true }],
    }),
    spec: {
      nodeName: CP_NODE,
      hostNetwork: true,
      priorityClassName: "system-node-critical",
      securityContext: { seccompProfile: { type: "RuntimeDefault" } },
      containers: [
        {
          name: component,
          image,
          command,
          resources: { requests: { cpu: "250m" } },
          volumeMounts: volumes.map((v) => ({ name: v.name, mountPath: (v.hostPath as Json).path, readOnly: true })),
        },
      ],
      volumes,
    },
    status: { phase: "Running" },
  };
}

const pki = { name: "k8s-certs", hostPath: { path: "/etc/kubernetes/pki", type: "DirectoryOrCreate" } };

/** The flags kubeadm init writes into kube-apiserver's `command` (--flag=value), after the binary. */
export function kubeadmApiserverFlags(advertiseAddress: string): string[] {
  return [
    `--advertise-address=${advertiseAddress}`,
    "--allow-privileged=true",
    "--authorization-mode=Node,RBAC",
    "--client-ca-file=/etc/kubernetes/pki/ca.crt",
    "--enable-admission-plugins=NodeRestriction",
    "--enable-bootstrap-token-auth=true",
    "--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt",
    "--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt",
    "--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key",
    "--etcd-servers=https://127.0.0.1:2379",
    "--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt",
    "--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key",
    "--secure-port=6443",
    "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
    "--service-account-key-file=/etc/kubernetes/pki/sa.pub",
    "--service-account-signing-key-file=/etc/kubernetes/pki/sa.key",
    "--service-cluster-ip-range=10.96.0.0/12",
    "--tls-cert-file=/etc/kubernetes/pki/apiserver.crt",
    "--tls-private-key-file=/etc/kubernetes/pki/apiserver.key",
  ];
}

function controlPlanePods(): Json[] {
  return [
    mirrorPod(
      "kube-apiserver",
      `registry.k8s.io/kube-apiserver:${DEMO_SERVER_VERSION}`,
      ["kube-apiserver", ...kubeadmApiserverFlags("10.0.0.10")],
      [pki],
    ),
    mirrorPod(
      "kube-controller-manager",
      `registry.k8s.io/kube-controller-manager:${DEMO_SERVER_VERSION}`,
      [
        "kube-controller-manager",
        "--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf",
        "--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf",
        "--bind-address=127.0.0.1",
        "--client-ca-file=/etc/kubernetes/pki/ca.crt",
        "--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt",
        "--cluster-signing-key-file=/etc/kubernetes/pki/ca.key",
        "--controllers=*,bootstrapsigner,tokencleaner",
        "--kubeconfig=/etc/kubernetes/controller-manager.conf",
        "--leader-elect=true",
        "--root-ca-file=/etc/kubernetes/pki/ca.crt",
        "--service-account-private-key-file=/etc/kubernetes/pki/sa.key",
        "--use-service-account-credentials=true",
      ],
      [pki],
    ),
    mirrorPod("kube-scheduler", `registry.k8s.io/kube-scheduler:${DEMO_SERVER_VERSION}`, [
      "kube-scheduler",
      "--authentication-kubeconfig=/etc/kubernetes/scheduler.conf",
      "--authorization-kubeconfig=/etc/kubernetes/scheduler.conf",
      "--bind-address=0.0.0.0",
      "--kubeconfig=/etc/kubernetes/scheduler.conf",
      "--leader-elect=true",
    ]),
    mirrorPod(
      "etcd",
      "registry.k8s.io/etcd:3.6.5-0",
      [
        "etcd",
        "--advertise-client-urls=https://10.0.0.10:2379",
        "--cert-file=/etc/kubernetes/pki/etcd/server.crt",
        "--client-cert-auth=true",
        "--data-dir=/var/lib/etcd",
        "--key-file=/etc/kubernetes/pki/etcd/server.key",
        "--listen-client-urls=https://127.0.0.1:2379,https://10.0.0.10:2379",
        "--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt",
        "--peer-client-cert-auth=true",
        "--peer-key-file=/etc/kubernetes/pki/etcd/peer.key",
        "--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt",
      ],
      [{ name: "etcd-certs", hostPath: { path: "/etc/kubernetes/pki/etcd", type: "DirectoryOrCreate" } }],
    ),
  ];
}

function node(name: string, kubeletVersion: string, role?: string): Json {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: meta("Node", undefined, name, {
      labels: { "kubernetes.io/hostname": name, ...(role ? { [`node-role.kubernetes.io/${role}`]: "" } : {}) },
    }),
    status: {
      nodeInfo: {
        kubeletVersion,
        containerRuntimeVersion: "containerd://2.1.4",
        osImage: "Ubuntu 24.04.3 LTS",
        kernelVersion: "6.8.0-85-generic",
        architecture: "amd64",
      },
    },
  };
}

function quotas(namespace: string): Json[] {
  return [
    {
      apiVersion: "v1",
      kind: "ResourceQuota",
      metadata: meta("ResourceQuota", namespace, "compute-quota"),
      spec: { hard: { pods: "50", "requests.cpu": "8", "requests.memory": "16Gi" } },
    },
    {
      apiVersion: "v1",
      kind: "LimitRange",
      metadata: meta("LimitRange", namespace, "container-defaults"),
      spec: { limits: [{ type: "Container", defaultRequest: { cpu: "100m", memory: "128Mi" } }] },
    },
  ];
}

/** What a live source learns from /version and discovery (the demo source stores it as ServerInfo). */
export const DEMO_SERVER_INFO = {
  version: { gitVersion: DEMO_SERVER_VERSION, major: "1", minor: "35" },
  groupVersions: [
    "v1",
    "apps/v1",
    "batch/v1",
    "networking.k8s.io/v1",
    "rbac.authorization.k8s.io/v1",
    "admissionregistration.k8s.io/v1",
    "resource.k8s.io/v1",
    "resource.k8s.io/v1alpha3",
    "internal.apiserver.k8s.io/v1alpha1",
  ],
};

/** A Kubernetes Dashboard left the way old tutorials set it up: NodePort, skip-login. */
function dashboard(): Json[] {
  const labels = { "k8s-app": "kubernetes-dashboard" };
  return [
    ns("kubernetes-dashboard"),
    sa("kubernetes-dashboard", "kubernetes-dashboard"),
    ...deployment(
      "kubernetes-dashboard",
      "kubernetes-dashboard",
      1,
      {
        labels,
        spec: {
          serviceAccountName: "kubernetes-dashboard",
          containers: [
            {
              name: "kubernetes-dashboard",
              image: "docker.io/kubernetesui/dashboard:v2.7.0",
              args: ["--auto-generate-certificates", "--namespace=kubernetes-dashboard", "--enable-skip-login"],
              resources: { requests: { cpu: "100m", memory: "200Mi" }, limits: { cpu: "500m", memory: "400Mi" } },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsUser: 1001 },
            },
          ],
        },
      },
      "6b9c8d7f5",
    ),
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: meta("Service", "kubernetes-dashboard", "kubernetes-dashboard", { labels }),
      spec: { type: "NodePort", selector: labels, ports: [{ port: 443, targetPort: 8443, nodePort: 30443 }] },
    },
    ...quotas("kubernetes-dashboard"),
  ];
}

export function demoClusterLayer(): Json[] {
  return [
    ...dashboard(),
    ...controlPlanePods(),
    node(CP_NODE, DEMO_SERVER_VERSION, "control-plane"),
    node("node-1", DEMO_SERVER_VERSION),
    node("node-2", "v1.32.9"),
    ...["shop", "payments", "monitoring", "ci", "legacy", "staging", "sandbox"].flatMap(quotas),
  ];
}

// The embedded demo cluster: realistic, deliberately insecure, with one
// namespace done right (payments) so the contrast is visible.

import type { Json } from "../../util/record.js";
import { dnsEgressManifest } from "../network-manifests.js";
import {
  binding,
  configMap,
  cronJob,
  daemonSet,
  deployment,
  netpol,
  ns,
  pod,
  role,
  sa,
  saSubject,
  secret,
  statefulSet,
} from "./build.js";
import { demoClusterLayer } from "./control-plane.js";
import { networkPolicyMistakes, reachAndExposure } from "./network.js";
import { rbacExtras } from "./rbac-extras.js";
import { supplyDemo } from "./supply.js";

const RESTRICTED_CONTAINER = {
  allowPrivilegeEscalation: false,
  runAsNonRoot: true,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
};

const LIMITS = {
  limits: { cpu: "500m", memory: "256Mi" },
  requests: { cpu: "100m", memory: "128Mi" },
};

function shop(): Json[] {
  return [
    ns("shop", { team: "storefront" }),
    sa("shop", "default"),
    sa("shop", "web"),
    sa("shop", "reporter"),
    ...deployment("shop", "web", 2, {
      labels: { app: "web", tier: "frontend" },
      spec: {
        serviceAccountName: "web",
        containers: [
          {
            name: "app",
            image: "nginx:latest",
            ports: [{ containerPort: 8080, name: "http" }],
            env: [
              { name: "DB_HOST", value: "db.shop.svc" },
              {
                name: "DB_PASSWORD",
                valueFrom: { secretKeyRef: { name: "db-credentials", key: "password" } },
              },
            ],
            securityContext: { allowPrivilegeEscalation: true },
          },
          {
            name: "log-shipper",
            image: "registry.example.com/tools/fluent-bit:3.1",
            envFrom: [{ secretRef: { name: "log-sink-token" } }],
            resources: LIMITS,
          },
        ],
      },
    }),
    ...statefulSet("shop", "db", 1, {
      labels: { app: "db", tier: "data" },
      spec: {
        containers: [
          {
            name: "postgres",
            image: "postgres:15",
            ports: [{ containerPort: 5432, name: "postgres" }],
            env: [
              { name: "POSTGRES_USER", value: "shop" },
              { name: "POSTGRES_PASSWORD", value: "Sup3rS3cretPassw0rd!" },
            ],
            securityContext: { capabilities: { add: ["SYS_ADMIN"] } },
            volumeMounts: [{ name: "data", mountPath: "/var/lib/postgresql/data" }],
          },
        ],
        volumes: [{ name: "data", hostPath: { path: "/mnt/disks/db", type: "DirectoryOrCreate" } }],
      },
    }),
    ...cronJob("shop", "nightly-report", "0 2 * * *", {
      labels: { app: "nightly-report" },
      spec: {
        serviceAccountName: "reporter",
        restartPolicy: "OnFailure",
        containers: [
          {
            name: "report",
            image: "ghcr.io/example/reporter",
            imagePullPolicy: "IfNotPresent",
            resources: LIMITS,
          },
        ],
      },
    }),
    secret("shop", "db-credentials", "Opaque", ["username", "password"], {
      annotations: {
        "kubectl.kubernetes.io/last-applied-configuration":
          '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db-credentials","namespace":"shop"},"data":{"username":"c2hvcA==","password":"ZGVtby1ub3QtcmVhbA=="}}\n',
      },
    }),
    secret("shop", "log-sink-token", "Opaque", ["TOKEN"]),
    secret("shop", "web-token", "kubernetes.io/service-account-token", ["token", "ca.crt", "namespace"], {
      annotations: { "kubernetes.io/service-account.name": "web" },
    }),
    configMap("shop", "app-config", {
      LOG_LEVEL: "info",
      AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
      AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    }),
    // Only the web pods are selected: the db and the report job are reachable from anywhere.
    netpol("shop", "web-ingress", {
      podSelector: { matchLabels: { app: "web" } },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [
            {
              namespaceSelector: {
                matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" },
              },
            },
          ],
          ports: [{ port: 8080, protocol: "TCP" }],
        },
      ],
    }),
    role("Role", "shop", "secret-reader", [
      { apiGroups: [""], resources: ["secrets"], verbs: ["get", "list", "watch"] },
    ]),
    binding("RoleBinding", "shop", "web-reads-secrets", { kind: "Role", name: "secret-reader" }, [
      saSubject("shop", "web"),
    ]),
  ];
}

function payments(): Json[] {
  return [
    ns("payments", { team: "payments", "pod-security.kubernetes.io/enforce": "restricted" }),
    sa("payments", "default", { automountServiceAccountToken: false }),
    sa("payments", "api", { automountServiceAccountToken: false }),
    ...deployment(
      "payments",
      "api",
      2,
      {
        labels: { app: "payments-api" },
        spec: {
          serviceAccountName: "api",
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 10001,
            seccompProfile: { type: "RuntimeDefault" },
          },
          containers: [
            {
              name: "api",
              image:
                "registry.example.com/payments/api:2.14.1@sha256:4b3c9e0d2f8a1b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c",
              imagePullPolicy: "IfNotPresent",
              ports: [{ containerPort: 8443, name: "https" }],
              volumeMounts: [{ name: "stripe", mountPath: "/var/run/secrets/stripe", readOnly: true }],
              securityContext: { ...RESTRICTED_CONTAINER, readOnlyRootFilesystem: true },
              resources: LIMITS,
            },
          ],
          volumes: [{ name: "stripe", secret: { secretName: "stripe-key" } }],
        },
      },
      "5c8b9d7f6",
    ),
    secret("payments", "stripe-key", "Opaque", ["api-key"]),
    netpol("payments", "default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }),
    // The same DNS egress kubeward proposes with a default-deny.
    netpol("payments", "allow-dns", dnsEgressManifest("payments", "allow-dns").spec as Json),
    netpol("payments", "api-from-shop", {
      podSelector: { matchLabels: { app: "payments-api" } },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { team: "storefront" } },
              podSelector: { matchLabels: { app: "web" } },
            },
          ],
          ports: [{ port: "https" }],
        },
      ],
    }),
    role("Role", "payments", "stripe-key-reader", [
      { apiGroups: [""], resources: ["secrets"], resourceNames: ["stripe-key"], verbs: ["get"] },
    ]),
    binding("RoleBinding", "payments", "api-reads-stripe-key", { kind: "Role", name: "stripe-key-reader" }, [
      saSubject("payments", "api"),
    ]),
  ];
}

function monitoring(): Json[] {
  return [
    ns("monitoring"),
    sa("monitoring", "default"),
    sa("monitoring", "prometheus"),
    ...daemonSet("monitoring", "node-exporter", 3, {
      labels: { app: "node-exporter" },
      spec: {
        hostPID: true,
        hostNetwork: true,
        containers: [
          {
            name: "node-exporter",
            image: "quay.io/prometheus/node-exporter:v1.8.2",
            args: ["--path.rootfs=/host"],
            ports: [{ containerPort: 9100, hostPort: 9100, name: "metrics" }],
            volumeMounts: [{ name: "root", mountPath: "/host", readOnly: true }],
            resources: LIMITS,
          },
        ],
        volumes: [{ name: "root", hostPath: { path: "/" } }],
      },
    }),
    ...deployment(
      "monitoring",
      "prometheus",
      1,
      {
        labels: { app: "prometheus" },
        spec: {
          serviceAccountName: "prometheus",
          containers: [
            {
              name: "prometheus",
              image: "quay.io/prometheus/prometheus:v2.54.1",
              resources: LIMITS,
            },
          ],
        },
      },
      "6f7d8c9b5",
    ),
    // Aggregated role: its rules come from every ClusterRole labelled for it.
    role("ClusterRole", undefined, "monitoring-reader", [], {
      aggregationRule: {
        clusterRoleSelectors: [{ matchLabels: { "rbac.example.com/aggregate-to-monitoring": "true" } }],
      },
    }),
    role(
      "ClusterRole",
      undefined,
      "monitoring-reader-core",
      [
        {
          apiGroups: [""],
          resources: ["pods", "nodes", "services", "endpoints"],
          verbs: ["get", "list", "watch"],
        },
      ],
      {
        metadata: { labels: { "rbac.example.com/aggregate-to-monitoring": "true" } },
      },
    ),
    role(
      "ClusterRole",
      undefined,
      "monitoring-reader-secrets",
      [
        { apiGroups: [""], resources: ["secrets", "configmaps"], verbs: ["get", "list", "watch"] },
        { apiGroups: [""], resources: ["nodes/proxy"], verbs: ["get"] },
      ],
      {
        metadata: { labels: { "rbac.example.com/aggregate-to-monitoring": "true" } },
      },
    ),
    binding("ClusterRoleBinding", undefined, "prometheus", { kind: "ClusterRole", name: "monitoring-reader" }, [
      saSubject("monitoring", "prometheus"),
    ]),
  ];
}

function kubeSystem(): Json[] {
  return [
    ns("kube-system"),
    sa("kube-system", "default"),
    sa("kube-system", "kube-proxy"),
    sa("kube-system", "coredns"),
    ...daemonSet("kube-system", "kube-proxy", 3, {
      labels: { "k8s-app": "kube-proxy" },
      spec: {
        serviceAccountName: "kube-proxy",
        hostNetwork: true,
        priorityClassName: "system-node-critical",
        containers: [
          {
            name: "kube-proxy",
            image: "registry.k8s.io/kube-proxy:v1.36.1",
            securityContext: { privileged: true },
            volumeMounts: [{ name: "lib-modules", mountPath: "/lib/modules", readOnly: true }],
          },
        ],
        volumes: [{ name: "lib-modules", hostPath: { path: "/lib/modules" } }],
      },
    }),
    ...deployment(
      "kube-system",
      "coredns",
      2,
      {
        labels: { "k8s-app": "kube-dns" },
        spec: {
          serviceAccountName: "coredns",
          containers: [
            {
              name: "coredns",
              image: "registry.k8s.io/coredns/coredns:v1.11.3",
              ports: [{ containerPort: 53, name: "dns", protocol: "UDP" }],
              securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { add: ["NET_BIND_SERVICE"], drop: ["ALL"] },
                readOnlyRootFilesystem: true,
              },
              resources: LIMITS,
            },
          ],
        },
      },
      "76f75df574",
    ),
    role("ClusterRole", undefined, "cluster-admin", [
      { apiGroups: ["*"], resources: ["*"], verbs: ["*"] },
      { nonResourceURLs: ["*"], verbs: ["*"] },
    ]),
    role("ClusterRole", undefined, "system:coredns", [
      {
        apiGroups: [""],
        resources: ["endpoints", "services", "pods", "namespaces"],
        verbs: ["list", "watch"],
      },
    ]),
    binding("ClusterRoleBinding", undefined, "system:coredns", { kind: "ClusterRole", name: "system:coredns" }, [
      saSubject("kube-system", "coredns"),
    ]),
    role("ClusterRole", undefined, "edit", [
      {
        apiGroups: ["", "apps", "batch"],
        resources: ["pods", "deployments", "jobs", "configmaps", "secrets", "services"],
        verbs: ["get", "list", "watch", "create", "update", "patch", "delete"],
      },
      { apiGroups: [""], resources: ["pods/exec", "pods/attach"], verbs: ["create", "get"] },
    ]),
  ];
}

function dev(): Json[] {
  return [
    ns("dev", { team: "platform" }),
    sa("dev", "default"),
    // A bare pod someone started by hand to debug a node: no controller to patch.
    pod("dev", "debug-shell", {
      labels: { run: "debug-shell" },
      annotations: { "kubeward.demo/owner": "jane@example.com" },
      spec: {
        hostPID: true,
        containers: [
          {
            name: "shell",
            image: "ubuntu",
            command: ["sleep", "infinity"],
            securityContext: { privileged: true },
            volumeMounts: [{ name: "docker-sock", mountPath: "/var/run/docker.sock" }],
          },
        ],
        volumes: [{ name: "docker-sock", hostPath: { path: "/var/run/docker.sock" } }],
      },
    }),
    {
      apiVersion: "v1",
      kind: "ReplicationController",
      metadata: {
        name: "legacy-worker",
        namespace: "dev",
        uid: "demo-rc-dev-legacy-worker",
        labels: { app: "legacy-worker" },
      },
      spec: {
        replicas: 0,
        selector: { app: "legacy-worker" },
        template: {
          metadata: { labels: { app: "legacy-worker" } },
          spec: {
            containers: [{ name: "worker", image: "example/worker:1.0", securityContext: { runAsUser: 0 } }],
          },
        },
      },
    },
    // The default service account of dev can edit everything in the namespace.
    binding("RoleBinding", "dev", "default-edit", { kind: "ClusterRole", name: "edit" }, [saSubject("dev", "default")]),
    // Everyone who can authenticate may read every secret in the cluster.
    role("ClusterRole", undefined, "secrets-viewer", [
      { apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] },
    ]),
    binding(
      "ClusterRoleBinding",
      undefined,
      "all-users-read-secrets",
      { kind: "ClusterRole", name: "secrets-viewer" },
      [{ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "system:authenticated" }],
    ),
  ];
}

function ci(): Json[] {
  return [
    ns("ci"),
    sa("ci", "default"),
    sa("ci", "deployer"),
    sa("ci", "runner-admin"),
    pod("ci", "build-runner-5k2x9", {
      labels: { app: "build-runner" },
      spec: {
        serviceAccountName: "runner-admin",
        containers: [
          {
            name: "runner",
            image: "docker.io/library/docker:27-dind",
            securityContext: { privileged: true },
            resources: LIMITS,
          },
        ],
      },
    }),
    role("ClusterRole", undefined, "deployer", [
      {
        apiGroups: ["", "apps"],
        resources: ["pods", "deployments", "daemonsets"],
        verbs: ["create", "update", "patch"],
      },
      {
        apiGroups: ["rbac.authorization.k8s.io"],
        resources: ["clusterroles", "clusterrolebindings"],
        verbs: ["bind", "escalate", "create"],
      },
      { apiGroups: [""], resources: ["serviceaccounts/token"], verbs: ["create"] },
      { apiGroups: [""], resources: ["users", "groups"], verbs: ["impersonate"] },
      { apiGroups: [""], resources: ["namespaces"], verbs: ["patch"] },
      { apiGroups: [""], resources: ["persistentvolumes"], verbs: ["create"] },
      {
        apiGroups: ["admissionregistration.k8s.io"],
        resources: ["mutatingwebhookconfigurations", "validatingwebhookconfigurations"],
        verbs: ["create", "update"],
      },
      {
        apiGroups: ["certificates.k8s.io"],
        resources: ["certificatesigningrequests/approval"],
        verbs: ["update"],
      },
      { apiGroups: ["certificates.k8s.io"], resources: ["signers"], verbs: ["approve"] },
      { apiGroups: [""], resources: ["pods/ephemeralcontainers"], verbs: ["patch"] },
    ]),
    binding("ClusterRoleBinding", undefined, "ci-deployer", { kind: "ClusterRole", name: "deployer" }, [
      saSubject("ci", "deployer"),
    ]),
    binding("ClusterRoleBinding", undefined, "ci-runner-admin", { kind: "ClusterRole", name: "cluster-admin" }, [
      saSubject("ci", "runner-admin"),
    ]),
    role("Role", "ci", "wildcard", [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]),
    binding("RoleBinding", "ci", "anonymous-wildcard", { kind: "Role", name: "wildcard" }, [
      { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "system:anonymous" },
    ]),
  ];
}

/**
 * Pod Security controls the other namespaces do not show: a legacy namespace
 * full of old overrides, a staging namespace that already meets baseline (so
 * its enforce label can be suggested), and an empty sandbox (restricted).
 */
function podSecurityZoo(): Json[] {
  return [
    ns("legacy", { team: "platform" }),
    sa("legacy", "default"),
    ...deployment(
      "legacy",
      "billing-batch",
      1,
      {
        labels: { app: "billing-batch" },
        annotations: { "container.apparmor.security.beta.kubernetes.io/batch": "unconfined" },
        spec: {
          securityContext: {
            seLinuxOptions: { type: "spc_t" },
            sysctls: [
              { name: "net.ipv4.tcp_syncookies", value: "1" },
              { name: "kernel.msgmax", value: "65536" },
            ],
          },
          initContainers: [
            {
              name: "migrate",
              image: "registry.example.com/billing/migrate:4.2",
              securityContext: { runAsUser: 0, capabilities: { add: ["CHOWN", "NET_RAW"] } },
              resources: LIMITS,
            },
          ],
          containers: [
            {
              name: "batch",
              image: "registry.example.com/billing/batch:4.2",
              securityContext: {
                seccompProfile: { type: "Unconfined" },
                procMount: "Unmasked",
                ulimits: { nofile: { soft: 1048576, hard: 1048576 } },
              },
              livenessProbe: { httpGet: { host: "169.254.169.254", path: "/latest/meta-data", port: 80 } },
              volumeMounts: [{ name: "archive", mountPath: "/archive" }],
              resources: LIMITS,
            },
          ],
          volumes: [{ name: "archive", nfs: { server: "nfs.legacy.internal", path: "/exports/billing" } }],
        },
      },
      "8c4d7b9f2",
    ),
    // A Windows node agent: HostProcess is SYSTEM on the node.
    ...daemonSet("legacy", "win-log-agent", 1, {
      labels: { app: "win-log-agent" },
      spec: {
        os: { name: "windows" },
        hostNetwork: true,
        securityContext: { windowsOptions: { hostProcess: true, runAsUserName: "NT AUTHORITY\\SYSTEM" } },
        containers: [
          {
            name: "agent",
            image: "registry.example.com/tools/win-log-agent:1.3",
            resources: LIMITS,
          },
        ],
      },
    }),
    // Someone ran `kubectl debug` with a ptrace-capable ephemeral container.
    pod("legacy", "ops-toolbox", {
      labels: { run: "ops-toolbox" },
      spec: {
        containers: [
          {
            name: "toolbox",
            image: "registry.example.com/tools/toolbox:2.0",
            ports: [{ containerPort: 8081, hostPort: 8081 }],
            resources: LIMITS,
          },
        ],
        ephemeralContainers: [
          {
            name: "debugger-x7k2",
            image: "busybox:1.36",
            targetContainerName: "toolbox",
            securityContext: { capabilities: { add: ["SYS_PTRACE"] } },
          },
        ],
      },
    }),
    ns("staging", { team: "storefront" }),
    sa("staging", "default"),
    // Scaled to zero, still judged from its template: meets baseline, not restricted.
    ...deployment(
      "staging",
      "web",
      0,
      {
        labels: { app: "web" },
        spec: {
          containers: [
            {
              name: "app",
              image: "registry.example.com/shop/web:1.9.0",
              ports: [{ containerPort: 8080, name: "http" }],
              securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true },
              resources: LIMITS,
            },
          ],
        },
      },
      "5f6b8c7d9",
    ),
    ns("sandbox"),
  ];
}

/** The demo cluster's objects as the API server would list them. */
export function demoObjects(): Json[] {
  return [
    ...kubeSystem(),
    ...shop(),
    ...payments(),
    ...monitoring(),
    ...dev(),
    ...ci(),
    ...podSecurityZoo(),
    ...rbacExtras(),
    ...networkPolicyMistakes(),
    ...reachAndExposure(),
    ...supplyDemo(),
    ...demoClusterLayer(),
  ];
}

// The demo's scripted stream of changes: each step is what a watch would deliver.

import type { Json } from "../../util/record.js";
import { binding, netpol, pod } from "./build.js";

export interface DemoStep {
  /** What the activity line says happened. */
  label: string;
  type: "added" | "deleted";
  object: Json;
}

const miner = pod("dev", "crypto-miner", {
  labels: { run: "crypto-miner" },
  // Hostile text from the cluster: it must show up inert, never as a terminal sequence.
  annotations: { description: "\u001b]0;pwned\u0007\u001b[2Jtotally legit workload" },
  spec: {
    hostPID: true,
    hostNetwork: true,
    containers: [
      {
        name: "xmrig",
        image: "docker.io/minerz/xmrig:latest",
        securityContext: { privileged: true },
      },
    ],
  },
});

const escalation = binding(
  "ClusterRoleBinding",
  undefined,
  "oncall-escalation",
  { kind: "ClusterRole", name: "cluster-admin" },
  [{ kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "intern@example.com" }],
);

const defaultDeny = netpol("payments", "default-deny", {
  podSelector: {},
  policyTypes: ["Ingress", "Egress"],
});

export function demoSteps(): DemoStep[] {
  return [
    { label: "privileged pod dev/crypto-miner started", type: "added", object: miner },
    {
      label: "ClusterRoleBinding oncall-escalation grants cluster-admin to intern@example.com",
      type: "added",
      object: escalation,
    },
    { label: "NetworkPolicy payments/default-deny deleted", type: "deleted", object: defaultDeny },
    { label: "pod dev/crypto-miner deleted", type: "deleted", object: miner },
    { label: "ClusterRoleBinding oncall-escalation deleted", type: "deleted", object: escalation },
    { label: "NetworkPolicy payments/default-deny restored", type: "added", object: defaultDeny },
  ];
}

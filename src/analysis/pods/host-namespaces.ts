// PSS baseline "Host Namespaces": spec.hostNetwork, spec.hostPID and spec.hostIPC
// must be unset or false. hostPID exposes every process on the node (critical);
// hostNetwork and hostIPC are high.
import type { Severity } from "../finding.js";
import { makeFinding } from "../finding.js";
import type { PssCheck } from "./pss.js";

const FIELDS: readonly { field: "hostPID" | "hostNetwork" | "hostIPC"; severity: Severity; why: string }[] = [
  { field: "hostPID", severity: "critical", why: "sees and can signal or ptrace every process on the node" },
  {
    field: "hostNetwork",
    severity: "high",
    why: "uses the node's network stack: node-local services, sniffing, no NetworkPolicy",
  },
  { field: "hostIPC", severity: "high", why: "shares the node's IPC namespace (shared memory of host processes)" },
];

const MAY_BREAK: Record<string, string> = {
  hostPID: "agents that inspect host processes (node exporters, debuggers, security agents)",
  hostNetwork: "pods that bind node ports or reach node-local services; the pod gets its own IP",
  hostIPC: "workloads that share memory with host processes",
};

export const hostNamespaces: PssCheck = {
  breaks: "baseline",
  meta: {
    id: "pod.host-namespaces",
    title: "Host namespace shared",
    severity: "high",
    panel: "pods",
    description:
      "The pod shares the node's PID, network or IPC namespace, removing a layer of isolation from the host.",
    remediation: "Remove hostPID, hostNetwork and hostIPC (or set them to false).",
    references: ["PSS baseline: Host Namespaces", "CIS 5.2.3", "CIS 5.2.4", "CIS 5.2.5"],
  },
  detect(w) {
    return FIELDS.filter(({ field }) => w.podSpec[field] === true).map(({ field, severity, why }) =>
      makeFinding({
        meta: hostNamespaces.meta,
        resource: w.ref,
        severity,
        path: `${w.specPath}.${field}`,
        message: `the pod sets ${field}: it ${why}`,
      }),
    );
  },
  fix(finding) {
    const field = finding.path?.split(".").pop();
    if (field !== "hostPID" && field !== "hostNetwork" && field !== "hostIPC") return undefined;
    return {
      kind: "podSpec",
      patch: { [field]: false },
      explain: `pod.host-namespaces: ${field} set to false`,
      mayBreak: MAY_BREAK[field],
    };
  },
};

// PSS baseline "Sysctls": spec.securityContext.sysctls[*].name must be in the
// safe set of the latest policy (Kubernetes 1.37: sysctlsAllowedV1Dot37 in
// pod-security-admission policy/check_sysctls.go; PSA compares names as written).
import { isRecord } from "../../util/record.js";
import { makeFinding } from "../finding.js";
import { type PssCheck, podSecurityContext, workloadOfFinding } from "./pss.js";

export const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_local_reserved_ports", // policy 1.27
  "net.ipv4.tcp_keepalive_time", // policy 1.29
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
  "net.ipv4.tcp_rmem", // policy 1.32
  "net.ipv4.tcp_wmem",
  "net.ipv4.tcp_slow_start_after_idle", // policy 1.37
  "net.ipv4.tcp_notsent_lowat",
]);

function sysctlsOf(sc: unknown): unknown[] {
  return isRecord(sc) && Array.isArray(sc.sysctls) ? sc.sysctls : [];
}

function nameOf(entry: unknown): string {
  return isRecord(entry) && typeof entry.name === "string" ? entry.name : "";
}

export const sysctls: PssCheck = {
  breaks: "baseline",
  meta: {
    id: "pod.sysctls",
    title: "Unsafe sysctl",
    severity: "medium",
    panel: "pods",
    description:
      "The pod sets a kernel parameter outside the safe, namespaced set: it may affect other pods on the node or weaken kernel protections.",
    remediation: "Remove the sysctl from spec.securityContext.sysctls, or tune the node instead.",
    references: ["PSS baseline: Sysctls"],
  },
  detect(w) {
    return sysctlsOf(podSecurityContext(w)).flatMap((entry, i) => {
      const name = nameOf(entry);
      if (SAFE_SYSCTLS.has(name)) return [];
      return [
        makeFinding({
          meta: sysctls.meta,
          resource: w.ref,
          path: `${w.specPath}.securityContext.sysctls[${i}].name`,
          message: `the pod sets unsafe sysctl ${name || "(unnamed)"}`,
        }),
      ];
    });
  },
  fix(_finding, ctx) {
    const w = workloadOfFinding(ctx.object);
    if (!w) return undefined;
    const all = sysctlsOf(podSecurityContext(w));
    const keep = all.filter((e) => SAFE_SYSCTLS.has(nameOf(e)));
    const removed = all.map(nameOf).filter((n) => !SAFE_SYSCTLS.has(n));
    return {
      kind: "podSpec",
      // sysctls has no merge key: the list is replaced by its safe entries.
      patch: { securityContext: { sysctls: keep.length ? keep : null } },
      explain: `pod.sysctls: removes unsafe sysctls ${removed.join(", ")}`,
      mayBreak: "tuning the application relied on; set it on the nodes instead",
    };
  },
};

// PSS baseline "Capabilities": capabilities.add on every container (init and
// ephemeral included) may only hold capabilities of the baseline allow-list.
import { makeFinding, type Severity } from "../finding.js";
import { containersOf } from "../workloads.js";
import {
  containerPatch,
  containerSecurityContext,
  findContainer,
  type PssCheck,
  quoteList,
  recordAt,
  stringsOf,
} from "./pss.js";

/** check_capabilities_baseline: the container runtime's default set, minus NET_RAW. */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  "AUDIT_WRITE",
  "CHOWN",
  "DAC_OVERRIDE",
  "FOWNER",
  "FSETID",
  "KILL",
  "MKNOD",
  "NET_BIND_SERVICE",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_CHROOT",
]);

/** Capabilities that are (close to) root on the node: high severity. */
const DANGEROUS = new Set([
  "ALL",
  "SYS_ADMIN",
  "NET_ADMIN",
  "SYS_PTRACE",
  "SYS_MODULE",
  "SYS_RAWIO",
  "SYS_BOOT",
  "SYS_TIME",
  "DAC_READ_SEARCH",
  "BPF",
  "PERFMON",
  "MAC_ADMIN",
  "MAC_OVERRIDE",
  "SYSLOG",
]);

/** Capability names as the API stores them may carry a CAP_ prefix; PSA compares them as written. */
export function addedCapabilities(sc: unknown): string[] {
  return stringsOf(recordAt(sc, "capabilities")?.add);
}

export const capabilities: PssCheck = {
  breaks: "baseline",
  meta: {
    id: "pod.capabilities",
    title: "Capability beyond the baseline set",
    severity: "high",
    panel: "pods",
    description:
      "The container adds Linux capabilities outside the PSS baseline allow-list; SYS_ADMIN, NET_ADMIN, SYS_PTRACE and similar are close to root on the node.",
    remediation: "Remove the capabilities from securityContext.capabilities.add.",
    references: ["PSS baseline: Capabilities", "CIS 5.2.9"],
  },
  detect(w) {
    const out = [];
    for (const c of containersOf(w)) {
      const added = addedCapabilities(containerSecurityContext(c.container));
      const bad = added.filter((cap) => !BASELINE_CAPABILITIES.has(cap));
      if (bad.length === 0) continue;
      const severity: Severity = bad.some((cap) => DANGEROUS.has(cap.replace(/^CAP_/, ""))) ? "high" : "medium";
      out.push(
        makeFinding({
          meta: capabilities.meta,
          resource: w.ref,
          severity,
          container: c.name,
          path: `${c.path}.securityContext.capabilities.add`,
          message: `container "${c.name}" adds ${quoteList(bad)}, beyond the baseline capability set`,
        }),
      );
    }
    return out;
  },
  fix(finding, ctx) {
    const entry = findContainer(ctx.object, finding);
    if (!entry) return undefined;
    const added = addedCapabilities(containerSecurityContext(entry));
    const keep = added.filter((cap) => BASELINE_CAPABILITIES.has(cap));
    const patch = containerPatch(finding, { securityContext: { capabilities: { add: keep.length ? keep : null } } });
    if (!patch) return undefined;
    const removed = added.filter((cap) => !BASELINE_CAPABILITIES.has(cap));
    return {
      kind: "podSpec",
      patch,
      explain: `pod.capabilities: container ${finding.container} no longer adds ${removed.join(", ")}`,
      mayBreak: `containers that really use ${removed.join(", ")} (e.g. NET_ADMIN for iptables, SYS_ADMIN for mounts)`,
    };
  },
};

// PSS baseline "Privileged Containers": spec.containers[*].securityContext.privileged,
// likewise initContainers and ephemeralContainers, must be unset or false.
import { makeFinding } from "../finding.js";
import { containersOf } from "../workloads.js";
import { containerPatch, containerSecurityContext, type PssCheck } from "./pss.js";

export const privileged: PssCheck = {
  breaks: "baseline",
  meta: {
    id: "pod.privileged",
    title: "Privileged container",
    severity: "critical",
    panel: "pods",
    description: "A privileged container runs with every capability and the host's devices: it is root on the node.",
    remediation: "Set securityContext.privileged to false (or remove it).",
    references: ["PSS baseline: Privileged Containers", "CIS 5.2.2"],
  },
  detect(w) {
    return containersOf(w)
      .filter((c) => containerSecurityContext(c.container)?.privileged === true)
      .map((c) =>
        makeFinding({
          meta: privileged.meta,
          resource: w.ref,
          container: c.name,
          path: `${c.path}.securityContext.privileged`,
          message: `container "${c.name}" runs privileged: full access to the node's devices and kernel`,
        }),
      );
  },
  fix(finding) {
    const patch = containerPatch(finding, { securityContext: { privileged: false } });
    if (!patch) return undefined;
    return {
      kind: "podSpec",
      patch,
      explain: `pod.privileged: container ${finding.container} no longer privileged`,
      mayBreak: "workloads that manage host devices, iptables or kernel modules (CNI, storage or GPU agents)",
    };
  },
};

// PSS restricted "Privilege Escalation": every container (init and ephemeral
// included) must set allowPrivilegeEscalation: false. Windows pods are exempt
// (policy 1.25+).
import { makeFinding } from "../finding.js";
import { containersOf } from "../workloads.js";
import { addedCapabilities } from "./capabilities.js";
import { containerPatch, containerSecurityContext, findContainer, isWindows, type PssCheck } from "./pss.js";

export const privilegeEscalation: PssCheck = {
  breaks: "restricted",
  meta: {
    id: "pod.privilege-escalation",
    title: "Privilege escalation allowed",
    severity: "medium",
    panel: "pods",
    description:
      "allowPrivilegeEscalation is not false: a process can gain more privileges than its parent (setuid binaries, file capabilities).",
    remediation: "Set securityContext.allowPrivilegeEscalation to false on every container.",
    references: ["PSS restricted: Privilege Escalation", "CIS 5.2.6"],
  },
  detect(w) {
    if (isWindows(w)) return [];
    return containersOf(w)
      .filter((c) => containerSecurityContext(c.container)?.allowPrivilegeEscalation !== false)
      .map((c) => {
        const value = containerSecurityContext(c.container)?.allowPrivilegeEscalation;
        return makeFinding({
          meta: privilegeEscalation.meta,
          resource: w.ref,
          container: c.name,
          path: `${c.path}.securityContext.allowPrivilegeEscalation`,
          message:
            value === true
              ? `container "${c.name}" sets allowPrivilegeEscalation: true`
              : `container "${c.name}" does not set allowPrivilegeEscalation: false`,
        });
      });
  },
  fix(finding, ctx) {
    const patch = containerPatch(finding, { securityContext: { allowPrivilegeEscalation: false } });
    if (!patch) return undefined;
    const sc = containerSecurityContext(findContainer(ctx.object, finding) ?? {});
    // The API rejects allowPrivilegeEscalation=false beside privileged or CAP_SYS_ADMIN.
    const conflict =
      sc?.privileged === true || addedCapabilities(sc).some((c) => c === "SYS_ADMIN" || c === "CAP_SYS_ADMIN");
    return {
      kind: "podSpec",
      patch,
      explain: `pod.privilege-escalation: container ${finding.container} sets allowPrivilegeEscalation: false${conflict ? " (apply together with the pod.privileged / pod.capabilities fixes: the API rejects it on a privileged or SYS_ADMIN container)" : ""}`,
      mayBreak: "setuid programs (sudo, ping on old images) inside the container",
    };
  },
};

// PSS baseline "HostProcess": windowsOptions.hostProcess must be unset or false,
// at pod level and on every container (init and ephemeral included).
import { makeFinding } from "../finding.js";
import { containersOf } from "../workloads.js";
import { containerPatch, containerSecurityContext, type PssCheck, podSecurityContext, recordAt } from "./pss.js";

export const hostProcess: PssCheck = {
  breaks: "baseline",
  meta: {
    id: "pod.host-process",
    title: "Windows HostProcess container",
    severity: "critical",
    panel: "pods",
    description:
      "A Windows HostProcess container runs directly on the node as a host process (SYSTEM-level access to the Windows node).",
    remediation:
      "Remove windowsOptions.hostProcess (or set it to false); run node agents only in a privileged namespace.",
    references: ["PSS baseline: HostProcess"],
  },
  detect(w) {
    const out = [];
    if (recordAt(podSecurityContext(w), "windowsOptions")?.hostProcess === true)
      out.push(
        makeFinding({
          meta: hostProcess.meta,
          resource: w.ref,
          path: `${w.specPath}.securityContext.windowsOptions.hostProcess`,
          message: "the pod runs every container as a Windows HostProcess container",
        }),
      );
    for (const c of containersOf(w)) {
      if (recordAt(containerSecurityContext(c.container), "windowsOptions")?.hostProcess !== true) continue;
      out.push(
        makeFinding({
          meta: hostProcess.meta,
          resource: w.ref,
          container: c.name,
          path: `${c.path}.securityContext.windowsOptions.hostProcess`,
          message: `container "${c.name}" is a Windows HostProcess container: it runs on the node itself`,
        }),
      );
    }
    return out;
  },
  fix(finding) {
    const sc = { securityContext: { windowsOptions: { hostProcess: false } } };
    const patch = finding.container ? containerPatch(finding, sc) : sc;
    if (!patch) return undefined;
    return {
      kind: "podSpec",
      patch,
      explain: `pod.host-process: ${finding.container ? `container ${finding.container}` : "the pod"} no longer a HostProcess container`,
      mayBreak: "Windows node agents (CNI, CSI, monitoring) that need host access; hostNetwork stays as it is",
    };
  },
};

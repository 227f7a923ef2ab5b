// PSS "/proc Mount Type": securityContext.procMount must be unset or Default on
// every container. Baseline (policy 1.35+) exempts pods in a user namespace
// (hostUsers: false); restricted does not, so for those pods only restricted breaks.
import { makeFinding } from "../finding.js";
import { containersOf } from "../workloads.js";
import { containerPatch, containerSecurityContext, inUserNamespace, type PssCheck, show } from "./pss.js";

export const procMount: PssCheck = {
  breaks: (_f, w) => (inUserNamespace(w) ? "restricted" : "baseline"),
  meta: {
    id: "pod.proc-mount",
    title: "Unmasked /proc",
    severity: "high",
    panel: "pods",
    description:
      "A container sets procMount to something other than Default (Unmasked), exposing kernel interfaces under /proc that the runtime normally masks.",
    remediation: "Remove securityContext.procMount (or set it to Default).",
    references: ["PSS baseline: /proc Mount Type", "PSS restricted: /proc Mount Type"],
  },
  detect(w) {
    const userns = inUserNamespace(w);
    const out = [];
    for (const c of containersOf(w)) {
      const value = containerSecurityContext(c.container)?.procMount;
      if (value === undefined || value === null || value === "Default") continue;
      out.push(
        makeFinding({
          meta: procMount.meta,
          resource: w.ref,
          severity: userns ? "low" : "high",
          container: c.name,
          path: `${c.path}.securityContext.procMount`,
          message: `container "${c.name}" mounts /proc as ${show(value)}${userns ? " (allowed by baseline in a user namespace, not by restricted)" : ""}`,
        }),
      );
    }
    return out;
  },
  fix(finding) {
    const patch = containerPatch(finding, { securityContext: { procMount: null } });
    if (!patch) return undefined;
    return {
      kind: "podSpec",
      patch,
      explain: `pod.proc-mount: container ${finding.container} uses the Default (masked) /proc`,
      mayBreak: "nested container runtimes (e.g. building images inside the pod) that need an unmasked /proc",
    };
  },
};

// PSS restricted "Running as Non-root user": runAsUser must not be 0, at pod
// level or on any container. Pods in a user namespace (hostUsers: false) are
// exempt (policy 1.35+).
import { makeFinding } from "../finding.js";
import { containersOf } from "../workloads.js";
import { containerPatch, containerSecurityContext, inUserNamespace, type PssCheck, podSecurityContext } from "./pss.js";

export const runAsUser: PssCheck = {
  breaks: "restricted",
  meta: {
    id: "pod.run-as-user",
    title: "Runs as UID 0",
    severity: "medium",
    panel: "pods",
    description: "runAsUser is 0: the container's processes run as root.",
    remediation: "Remove runAsUser: 0 or set a non-zero UID the image supports.",
    references: ["PSS restricted: Running as Non-root user", "CIS 5.2.7"],
  },
  detect(w) {
    if (inUserNamespace(w)) return [];
    const out = [];
    if (podSecurityContext(w)?.runAsUser === 0)
      out.push(
        makeFinding({
          meta: runAsUser.meta,
          resource: w.ref,
          path: `${w.specPath}.securityContext.runAsUser`,
          message: "the pod sets runAsUser: 0 (root)",
        }),
      );
    for (const c of containersOf(w)) {
      if (containerSecurityContext(c.container)?.runAsUser !== 0) continue;
      out.push(
        makeFinding({
          meta: runAsUser.meta,
          resource: w.ref,
          container: c.name,
          path: `${c.path}.securityContext.runAsUser`,
          message: `container "${c.name}" sets runAsUser: 0 (root)`,
        }),
      );
    }
    return out;
  },
  fix(finding) {
    // We do not know which UID the image supports: remove the explicit root, the image's USER applies.
    const sc = { securityContext: { runAsUser: null } };
    const patch = finding.container ? containerPatch(finding, sc) : sc;
    if (!patch) return undefined;
    return {
      kind: "podSpec",
      patch,
      explain: `pod.run-as-user: ${finding.container ? `container ${finding.container}` : "the pod"} no longer forces UID 0 (the image's USER, or the pod's runAsUser, applies)`,
      mayBreak: "if the image's own USER is root it still runs as root: pair with runAsNonRoot and a non-root image",
    };
  },
};

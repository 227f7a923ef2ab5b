// PSS restricted "Running as Non-root": runAsNonRoot must be true for every
// container, set on the container or inherited from the pod; the pod must not
// set false. Pods in a user namespace (hostUsers: false) are exempt (policy 1.35+).
import { makeFinding } from "../finding.js";
import { containersOf } from "../workloads.js";
import { containerPatch, containerSecurityContext, inUserNamespace, type PssCheck, podSecurityContext } from "./pss.js";

const MAY_BREAK = "images that run as root (no USER, or USER 0) fail to start: the kubelet refuses them";

export const runAsNonRoot: PssCheck = {
  breaks: "restricted",
  meta: {
    id: "pod.run-as-non-root",
    title: "May run as root",
    severity: "medium",
    panel: "pods",
    description:
      "Neither the pod nor the container requires runAsNonRoot: true, so the image may run its process as root.",
    remediation:
      "Set runAsNonRoot: true in the pod securityContext (or on every container) and use an image with a non-root USER.",
    references: ["PSS restricted: Running as Non-root", "CIS 5.2.7"],
  },
  detect(w) {
    if (inUserNamespace(w)) return [];
    const out = [];
    const podValue = podSecurityContext(w)?.runAsNonRoot;
    if (podValue === false)
      out.push(
        makeFinding({
          meta: runAsNonRoot.meta,
          resource: w.ref,
          path: `${w.specPath}.securityContext.runAsNonRoot`,
          message: "the pod sets runAsNonRoot: false",
        }),
      );
    for (const c of containersOf(w)) {
      const value = containerSecurityContext(c.container)?.runAsNonRoot;
      // Unset containers inherit from the pod; when the pod says false, its finding covers them.
      const bad = value === false || (value === undefined && podValue !== true && podValue !== false);
      if (!bad) continue;
      out.push(
        makeFinding({
          meta: runAsNonRoot.meta,
          resource: w.ref,
          container: c.name,
          path: `${c.path}.securityContext.runAsNonRoot`,
          message:
            value === false
              ? `container "${c.name}" sets runAsNonRoot: false`
              : `neither the pod nor container "${c.name}" sets runAsNonRoot: true`,
        }),
      );
    }
    return out;
  },
  fix(finding) {
    const sc = { securityContext: { runAsNonRoot: true } };
    const patch = finding.container ? containerPatch(finding, sc) : sc;
    if (!patch) return undefined;
    return {
      kind: "podSpec",
      patch,
      explain: `pod.run-as-non-root: ${finding.container ? `container ${finding.container}` : "the pod"} requires a non-root user`,
      mayBreak: MAY_BREAK,
    };
  },
};

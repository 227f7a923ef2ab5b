// PSS restricted "Seccomp": the profile must be explicitly RuntimeDefault or
// Localhost, at pod level or on every container (a container may leave it unset
// when the pod sets a valid one). Windows pods are exempt (policy 1.25+).
// An explicit Unconfined is reported by pod.seccomp-unconfined (baseline).
import { makeFinding } from "../finding.js";
import { containersOf } from "../workloads.js";
import {
  containerPatch,
  containerSecurityContext,
  isWindows,
  type PssCheck,
  podSecurityContext,
  recordAt,
  show,
} from "./pss.js";
import { seccompType } from "./seccomp.js";

const VALID = new Set(["RuntimeDefault", "Localhost"]);

export const seccompRestricted: PssCheck = {
  breaks: "restricted",
  meta: {
    id: "pod.seccomp-restricted",
    title: "No seccomp profile",
    severity: "low",
    panel: "pods",
    description:
      "The restricted profile requires the seccomp profile to be set to RuntimeDefault or Localhost, for the pod or for every container.",
    remediation: "Set spec.securityContext.seccompProfile.type (or each container's) to RuntimeDefault.",
    references: ["PSS restricted: Seccomp", "CIS 5.7.2"],
  },
  detect(w) {
    if (isWindows(w)) return [];
    const out = [];
    const podProfile = recordAt(podSecurityContext(w), "seccompProfile");
    const podType = podProfile?.type;
    if (podProfile && !(typeof podType === "string" && VALID.has(podType)) && podType !== "Unconfined")
      out.push(
        makeFinding({
          meta: seccompRestricted.meta,
          resource: w.ref,
          path: `${w.specPath}.securityContext.seccompProfile.type`,
          message: `the pod's seccomp profile type is ${show(podType)}, not RuntimeDefault or Localhost`,
        }),
      );
    for (const c of containersOf(w)) {
      const profile = recordAt(containerSecurityContext(c.container), "seccompProfile");
      const type = seccompType(containerSecurityContext(c.container));
      // Explicit and invalid (Unconfined is baseline's), or unset with no pod-level profile at all.
      const explicitBad =
        profile !== undefined && !(typeof type === "string" && VALID.has(type)) && type !== "Unconfined";
      const implicitBad = profile === undefined && podProfile === undefined;
      if (!explicitBad && !implicitBad) continue;
      out.push(
        makeFinding({
          meta: seccompRestricted.meta,
          resource: w.ref,
          container: c.name,
          path: `${c.path}.securityContext.seccompProfile`,
          message: explicitBad
            ? `container "${c.name}" sets seccomp profile type ${show(type)}`
            : `neither the pod nor container "${c.name}" sets a seccomp profile`,
        }),
      );
    }
    return out;
  },
  fix(finding) {
    const sc = { securityContext: { seccompProfile: { type: "RuntimeDefault", localhostProfile: null } } };
    const patch = finding.container ? containerPatch(finding, sc) : sc;
    if (!patch) return undefined;
    return {
      kind: "podSpec",
      patch,
      explain: `pod.seccomp-restricted: ${finding.container ? `container ${finding.container}` : "the pod"} uses the RuntimeDefault seccomp profile`,
      mayBreak: "programs that use system calls the runtime's default profile blocks (rare: some debuggers, old JVMs)",
    };
  },
};

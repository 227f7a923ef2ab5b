// PSS baseline "Seccomp": the seccomp profile must not be Unconfined, at pod
// level or on any container (init and ephemeral included).
import { makeFinding } from "../finding.js";
import { containersOf } from "../workloads.js";
import { containerPatch, containerSecurityContext, type PssCheck, podSecurityContext, recordAt } from "./pss.js";

export function seccompType(sc: unknown): unknown {
  const profile = recordAt(sc, "seccompProfile");
  return profile ? profile.type : undefined;
}

export const seccompUnconfined: PssCheck = {
  breaks: "baseline",
  meta: {
    id: "pod.seccomp-unconfined",
    title: "Seccomp disabled",
    severity: "medium",
    panel: "pods",
    description: "The pod or a container runs with the Unconfined seccomp profile: every system call is allowed.",
    remediation: "Set seccompProfile.type to RuntimeDefault (or a Localhost profile).",
    references: ["PSS baseline: Seccomp", "CIS 5.7.2"],
  },
  detect(w) {
    const out = [];
    if (seccompType(podSecurityContext(w)) === "Unconfined")
      out.push(
        makeFinding({
          meta: seccompUnconfined.meta,
          resource: w.ref,
          path: `${w.specPath}.securityContext.seccompProfile.type`,
          message: "the pod's seccomp profile is Unconfined",
        }),
      );
    for (const c of containersOf(w)) {
      if (seccompType(containerSecurityContext(c.container)) !== "Unconfined") continue;
      out.push(
        makeFinding({
          meta: seccompUnconfined.meta,
          resource: w.ref,
          container: c.name,
          path: `${c.path}.securityContext.seccompProfile.type`,
          message: `container "${c.name}" runs with the Unconfined seccomp profile`,
        }),
      );
    }
    return out;
  },
  fix(finding) {
    const sc = { securityContext: { seccompProfile: { type: "RuntimeDefault" } } };
    const patch = finding.container ? containerPatch(finding, sc) : sc;
    if (!patch) return undefined;
    return {
      kind: "podSpec",
      patch,
      explain: `pod.seccomp-unconfined: ${finding.container ? `container ${finding.container}` : "the pod"} uses the RuntimeDefault seccomp profile`,
      mayBreak: "programs that use system calls the runtime's default profile blocks (rare: some debuggers, old JVMs)",
    };
  },
};

// PSS baseline "AppArmor": the profile must not be overridden to anything but
// the runtime default or a localhost profile. PSA checks both channels: the
// appArmorProfile fields (pod and every container) and the deprecated
// container.apparmor.security.beta.kubernetes.io/<container> annotations.
import { makeFinding } from "../finding.js";
import { containersOf } from "../workloads.js";
import { containerPatch, containerSecurityContext, type PssCheck, podSecurityContext, recordAt, show } from "./pss.js";

export const APPARMOR_ANNOTATION_PREFIX = "container.apparmor.security.beta.kubernetes.io/";

function badAnnotation(value: string): boolean {
  return !(value === "" || value === "runtime/default" || value.startsWith("localhost/"));
}

function badProfile(profile: Record<string, unknown> | undefined): string | undefined {
  if (!profile) return undefined;
  const type = profile.type;
  return type === "RuntimeDefault" || type === "Localhost" ? undefined : show(type);
}

export const apparmor: PssCheck = {
  breaks: "baseline",
  meta: {
    id: "pod.apparmor",
    title: "AppArmor disabled or overridden",
    severity: "medium",
    panel: "pods",
    description:
      "The pod or a container sets an AppArmor profile other than RuntimeDefault or a Localhost profile (typically Unconfined), removing mandatory access control.",
    remediation:
      "Remove the override (the runtime default applies) or set appArmorProfile.type to RuntimeDefault or Localhost.",
    references: ["PSS baseline: AppArmor", "CIS 5.7.2"],
  },
  detect(w) {
    const out = [];
    for (const [key, value] of Object.entries(w.podAnnotations)) {
      if (!key.startsWith(APPARMOR_ANNOTATION_PREFIX) || !badAnnotation(value)) continue;
      const container = key.slice(APPARMOR_ANNOTATION_PREFIX.length);
      out.push(
        makeFinding({
          meta: apparmor.meta,
          resource: w.ref,
          container,
          path: `${w.metaPath}.annotations['${key}']`,
          message: `annotation sets AppArmor profile "${value}" for container "${container}"`,
        }),
      );
    }
    const podType = badProfile(recordAt(podSecurityContext(w), "appArmorProfile"));
    if (podType)
      out.push(
        makeFinding({
          meta: apparmor.meta,
          resource: w.ref,
          path: `${w.specPath}.securityContext.appArmorProfile.type`,
          message: `the pod's AppArmor profile is ${podType}`,
        }),
      );
    for (const c of containersOf(w)) {
      const type = badProfile(recordAt(containerSecurityContext(c.container), "appArmorProfile"));
      if (!type) continue;
      out.push(
        makeFinding({
          meta: apparmor.meta,
          resource: w.ref,
          container: c.name,
          path: `${c.path}.securityContext.appArmorProfile.type`,
          message: `container "${c.name}" runs with AppArmor profile ${type}`,
        }),
      );
    }
    return out;
  },
  fix(finding) {
    const mayBreak =
      "programs that need operations the runtime's default AppArmor profile denies (mount, raw sockets, ptrace)";
    const annotation = finding.path?.match(/annotations\['([^']+)'\]$/)?.[1];
    if (annotation)
      return {
        kind: "podSpec",
        patch: {},
        metaPatch: { annotations: { [annotation]: null } },
        explain: `pod.apparmor: annotation ${annotation} removed (the runtime default profile applies)`,
        mayBreak,
      };
    const sc = { securityContext: { appArmorProfile: { type: "RuntimeDefault", localhostProfile: null } } };
    const patch = finding.container ? containerPatch(finding, sc) : sc;
    if (!patch) return undefined;
    return {
      kind: "podSpec",
      patch,
      explain: `pod.apparmor: ${finding.container ? `container ${finding.container}` : "the pod"} uses the RuntimeDefault AppArmor profile`,
      mayBreak,
    };
  },
};

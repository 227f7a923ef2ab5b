// PSS baseline "SELinux": seLinuxOptions.type may only be one of the container
// types (container_engine_t since policy 1.31); user and role must be unset.
// Checked at pod level and on every container (init and ephemeral included).
import { makeFinding, type Severity } from "../finding.js";
import { containersOf } from "../workloads.js";
import {
  containerPatch,
  containerSecurityContext,
  findContainer,
  type Json,
  type PssCheck,
  podSecurityContext,
  recordAt,
  show,
  workloadOfFinding,
} from "./pss.js";

export const SELINUX_TYPES: ReadonlySet<string> = new Set([
  "",
  "container_t",
  "container_init_t",
  "container_kvm_t",
  "container_engine_t",
]);

/** Types that turn SELinux confinement off for the process. */
const UNCONFINED_TYPES = new Set(["spc_t", "unconfined_t", "kernel_t"]);

interface Problem {
  fields: string[];
  severity: Severity;
  detail: string;
}

function problemOf(opts: Json | undefined): Problem | undefined {
  if (!opts) return undefined;
  const fields: string[] = [];
  const details: string[] = [];
  let severity: Severity = "medium";
  const type = opts.type;
  if (type !== undefined && type !== null && !(typeof type === "string" && SELINUX_TYPES.has(type))) {
    fields.push("type");
    details.push(`type ${show(type)}`);
    if (typeof type === "string" && UNCONFINED_TYPES.has(type)) severity = "high";
  }
  for (const f of ["user", "role"]) {
    const v = opts[f];
    if (v !== undefined && v !== null && v !== "") {
      fields.push(f);
      details.push(`${f} ${show(v)}`);
    }
  }
  return fields.length ? { fields, severity, detail: details.join(", ") } : undefined;
}

export const selinux: PssCheck = {
  breaks: "baseline",
  meta: {
    id: "pod.selinux",
    title: "Custom SELinux options",
    severity: "medium",
    panel: "pods",
    description:
      "The pod or a container sets an SELinux type outside the container types, or an SELinux user or role; spc_t and unconfined_t disable confinement.",
    remediation: "Remove seLinuxOptions.user and .role and use a container_* type (or none).",
    references: ["PSS baseline: SELinux"],
  },
  detect(w) {
    const out = [];
    const pod = problemOf(recordAt(podSecurityContext(w), "seLinuxOptions"));
    if (pod)
      out.push(
        makeFinding({
          meta: selinux.meta,
          resource: w.ref,
          severity: pod.severity,
          path: `${w.specPath}.securityContext.seLinuxOptions`,
          message: `the pod sets SELinux ${pod.detail}`,
        }),
      );
    for (const c of containersOf(w)) {
      const p = problemOf(recordAt(containerSecurityContext(c.container), "seLinuxOptions"));
      if (!p) continue;
      out.push(
        makeFinding({
          meta: selinux.meta,
          resource: w.ref,
          severity: p.severity,
          container: c.name,
          path: `${c.path}.securityContext.seLinuxOptions`,
          message: `container "${c.name}" sets SELinux ${p.detail}`,
        }),
      );
    }
    return out;
  },
  fix(finding, ctx) {
    // Remove exactly the fields PSS forbids; the level (MCS label) stays.
    const obj = ctx.object;
    const w = workloadOfFinding(obj);
    if (!w) return undefined;
    const sc = finding.container ? containerSecurityContext(findContainer(obj, finding) ?? {}) : podSecurityContext(w);
    const p = problemOf(recordAt(sc, "seLinuxOptions"));
    if (!p) return undefined;
    const cleared = { securityContext: { seLinuxOptions: Object.fromEntries(p.fields.map((f) => [f, null])) } };
    const patch = finding.container ? containerPatch(finding, cleared) : cleared;
    if (!patch) return undefined;
    return {
      kind: "podSpec",
      patch,
      explain: `pod.selinux: ${finding.container ? `container ${finding.container}` : "the pod"} no longer sets SELinux ${p.fields.join(", ")}`,
      mayBreak: "files or volumes labelled for the custom SELinux type may become unreadable",
    };
  },
};

// PSS baseline "Host Probes / Lifecycle Hooks" (policy 1.34+): the host field of
// httpGet and tcpSocket handlers in liveness/readiness/startup probes and in
// postStart/preStop hooks must be unset or "", on every container.
import { makeFinding } from "../finding.js";
import { containersOf } from "../workloads.js";
import { containerPatch, type Json, type PssCheck, recordAt, stringAt } from "./pss.js";

const HANDLERS: readonly { at: (c: Json) => Json | undefined; path: string[] }[] = [
  ...["livenessProbe", "readinessProbe", "startupProbe"].map((p) => ({ at: (c: Json) => recordAt(c, p), path: [p] })),
  ...["postStart", "preStop"].map((h) => ({
    at: (c: Json) => recordAt(recordAt(c, "lifecycle"), h),
    path: ["lifecycle", h],
  })),
];

function nest(path: readonly string[], leaf: Json): Json {
  return path.reduceRight<Json>((inner, key) => ({ [key]: inner }), leaf);
}

export const hostProbes: PssCheck = {
  breaks: "baseline",
  meta: {
    id: "pod.host-probes",
    title: "Probe or hook targets another host",
    severity: "medium",
    panel: "pods",
    description:
      "A probe or lifecycle hook sets host: the kubelet then sends requests from the node to any address, which can reach node-local or internal services.",
    remediation: "Remove the host field so the kubelet probes the pod's own IP.",
    references: ["PSS baseline: Host Probes / Lifecycle Hooks"],
  },
  detect(w) {
    const out = [];
    for (const c of containersOf(w)) {
      for (const h of HANDLERS) {
        const handler = h.at(c.container as Json);
        for (const action of ["httpGet", "tcpSocket"]) {
          const host = stringAt(recordAt(handler, action), "host");
          if (!host) continue;
          out.push(
            makeFinding({
              meta: hostProbes.meta,
              resource: w.ref,
              container: c.name,
              path: `${c.path}.${h.path.join(".")}.${action}.host`,
              message: `container "${c.name}" ${h.path.join(".")} sends ${action} to host ${host}`,
            }),
          );
        }
      }
    }
    return out;
  },
  fix(finding) {
    const m = finding.path?.match(/\]\.((?:lifecycle\.)?\w+)\.(httpGet|tcpSocket)\.host$/);
    if (!m) return undefined;
    const patch = containerPatch(finding, nest([...m[1]!.split("."), m[2]!], { host: null }));
    if (!patch) return undefined;
    return {
      kind: "podSpec",
      patch,
      explain: `pod.host-probes: container ${finding.container} ${m[1]} targets the pod's own IP`,
      mayBreak: "probes that really checked another host (they then check the pod itself)",
    };
  },
};

// PSS baseline "HostPath Volumes": spec.volumes[*].hostPath must be unset.
// Mounting / or a container runtime socket is root on the node (critical).
// No patch: removing a hostPath volume would cut the workload from its data
// or break its mounts; the fix is a different storage design.
import { isRecord } from "../../util/record.js";
import { makeFinding, type Severity } from "../finding.js";
import { type PssCheck, recordAt, stringAt } from "./pss.js";

/** Runtime sockets: whoever reaches one can start a privileged container on the node. */
const RUNTIME_SOCKETS = [
  "/var/run/docker.sock",
  "/run/docker.sock",
  "/var/run/containerd/containerd.sock",
  "/run/containerd/containerd.sock",
  "/var/run/crio/crio.sock",
  "/run/crio/crio.sock",
  "/var/run/cri-dockerd.sock",
  "/run/cri-dockerd.sock",
  "/run/k3s/containerd/containerd.sock",
  "/var/run/dockershim.sock",
];

function normalize(path: string): string {
  const p = path.replace(/\/+/g, "/").replace(/\/$/, "");
  return p === "" ? "/" : p;
}

/** Critical when the mount is the root filesystem or holds a runtime socket (the socket or a parent directory). */
export function hostPathSeverity(path: string): Severity {
  const p = normalize(path);
  if (p === "/") return "critical";
  if (RUNTIME_SOCKETS.some((s) => s === p || s.startsWith(`${p}/`))) return "critical";
  return "high";
}

export const hostPath: PssCheck = {
  breaks: "baseline",
  meta: {
    id: "pod.host-path",
    title: "hostPath volume",
    severity: "high",
    panel: "pods",
    description:
      "A hostPath volume mounts a directory of the node into the pod; mounting / or a container runtime socket gives control of the node.",
    remediation:
      "Replace the hostPath volume with a PersistentVolumeClaim, emptyDir, configMap or projected volume; node agents that truly need host files belong in a privileged namespace.",
    references: ["PSS baseline: HostPath Volumes", "CIS 5.2.12"],
  },
  detect(w) {
    const volumes = w.podSpec.volumes;
    if (!Array.isArray(volumes)) return [];
    const out = [];
    for (const [i, v] of volumes.entries()) {
      if (!isRecord(v) || v.hostPath === undefined || v.hostPath === null) continue;
      const path = stringAt(recordAt(v, "hostPath") ?? {}, "path") ?? "";
      const name = typeof v.name === "string" ? v.name : `#${i}`;
      const severity = hostPathSeverity(path || "/");
      out.push(
        makeFinding({
          meta: hostPath.meta,
          resource: w.ref,
          severity,
          path: `${w.specPath}.volumes[${i}].hostPath`,
          message: `volume "${name}" mounts the node's ${path || "(unspecified path)"}${severity === "critical" ? (normalize(path || "/") === "/" ? ": the whole node filesystem" : ": a container runtime socket, i.e. root on the node") : ""}`,
        }),
      );
    }
    return out;
  },
};

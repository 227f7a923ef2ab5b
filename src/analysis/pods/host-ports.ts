// PSS baseline "Host Ports": ports[*].hostPort on every container (init and
// ephemeral included) must be unset or 0.
import { isRecord } from "../../util/record.js";
import { makeFinding } from "../finding.js";
import { containersOf } from "../workloads.js";
import { containerPatch, findContainer, type PssCheck, show, workloadOfFinding } from "./pss.js";

export const hostPorts: PssCheck = {
  breaks: "baseline",
  meta: {
    id: "pod.host-ports",
    title: "Host port",
    severity: "medium",
    panel: "pods",
    description:
      "A hostPort binds a port on the node's address: it bypasses Services and NetworkPolicy and pins the pod to nodes where the port is free.",
    remediation: "Remove hostPort and expose the container through a Service.",
    references: ["PSS baseline: Host Ports"],
  },
  detect(w) {
    const out = [];
    for (const c of containersOf(w)) {
      const ports = c.container.ports;
      if (!Array.isArray(ports)) continue;
      for (const [i, p] of ports.entries()) {
        if (!isRecord(p) || p.hostPort === undefined || p.hostPort === null || p.hostPort === 0) continue;
        out.push(
          makeFinding({
            meta: hostPorts.meta,
            resource: w.ref,
            container: c.name,
            path: `${c.path}.ports[${i}].hostPort`,
            message: `container "${c.name}" binds host port ${show(p.hostPort)} on the node`,
          }),
        );
      }
    }
    return out;
  },
  fix(finding, ctx) {
    // With hostNetwork the API server sets hostPort = containerPort again: no honest patch here.
    const w = workloadOfFinding(ctx.object);
    if (!w || w.podSpec.hostNetwork === true) return undefined;
    const ports = findContainer(ctx.object, finding)?.ports;
    const idx = finding.path?.match(/\.ports\[(\d+)\]\.hostPort$/)?.[1];
    const port = Array.isArray(ports) && idx !== undefined ? ports[Number(idx)] : undefined;
    if (!isRecord(port) || typeof port.containerPort !== "number") return undefined;
    const patch = containerPatch(finding, { ports: [{ containerPort: port.containerPort, hostPort: null }] });
    if (!patch) return undefined;
    return {
      kind: "podSpec",
      patch,
      explain: `pod.host-ports: container ${finding.container} no longer binds host port ${show(port.hostPort)}`,
      mayBreak: "clients that reach the pod on <node-ip>:<hostPort> (e.g. scrapers); give them a Service instead",
    };
  },
};

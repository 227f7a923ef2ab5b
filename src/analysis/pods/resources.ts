// Hygiene (not a PSS control): containers without CPU or memory limits can starve
// their neighbours. Ephemeral containers cannot set resources and are skipped.
// No patch: the right numbers depend on the workload.

import type { WorkloadCheck } from "../engine.js";
import { makeFinding } from "../finding.js";
import { containersOf } from "../workloads.js";
import { recordAt } from "./pss.js";

export const resourcesMissing: WorkloadCheck = {
  meta: {
    id: "pod.resources-missing",
    title: "No resource limits",
    severity: "low",
    panel: "pods",
    description:
      "A container has no CPU or memory limit: a runaway process can exhaust the node and evict its neighbours.",
    remediation:
      "Set resources.limits.memory (and a CPU limit or at least a request) from observed usage, or give the namespace a LimitRange.",
    references: ["CIS 5.7.x (general hardening)", "Kubernetes: Resource Management for Pods and Containers"],
  },
  detect(w) {
    const out = [];
    for (const c of containersOf(w)) {
      if (c.list === "ephemeralContainers") continue;
      const limits = recordAt(recordAt(c.container, "resources"), "limits");
      const missing = ["cpu", "memory"].filter((r) => limits?.[r] === undefined || limits[r] === null);
      if (missing.length === 0) continue;
      out.push(
        makeFinding({
          meta: resourcesMissing.meta,
          resource: w.ref,
          container: c.name,
          path: `${c.path}.resources.limits`,
          message: `container "${c.name}" has no ${missing.join(" or ")} limit`,
        }),
      );
    }
    return out;
  },
};

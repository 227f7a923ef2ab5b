// PSS restricted "Capabilities": every container (init and ephemeral included)
// must drop ALL and may add only NET_BIND_SERVICE. Windows pods are exempt
// (policy 1.25+). Adds outside the baseline set are reported by pod.capabilities.
import { makeFinding } from "../finding.js";
import { containersOf } from "../workloads.js";
import { addedCapabilities, BASELINE_CAPABILITIES } from "./capabilities.js";
import {
  containerPatch,
  containerSecurityContext,
  findContainer,
  isWindows,
  type PssCheck,
  quoteList,
  recordAt,
  stringsOf,
} from "./pss.js";

function droppedCapabilities(sc: unknown): string[] {
  return stringsOf(recordAt(sc, "capabilities")?.drop);
}

/** Adds the restricted profile refuses that the baseline one allows (so no double report). */
function restrictedOnlyAdds(sc: unknown): string[] {
  return addedCapabilities(sc).filter((cap) => cap !== "NET_BIND_SERVICE" && BASELINE_CAPABILITIES.has(cap));
}

export const capabilitiesRestricted: PssCheck = {
  breaks: "restricted",
  meta: {
    id: "pod.capabilities-restricted",
    title: "Capabilities not dropped",
    severity: "low",
    panel: "pods",
    description:
      "The restricted profile requires every container to drop ALL capabilities and add back at most NET_BIND_SERVICE.",
    remediation:
      'Set securityContext.capabilities.drop to ["ALL"] and add only NET_BIND_SERVICE if the container binds a low port.',
    references: ["PSS restricted: Capabilities", "CIS 5.2.8", "CIS 5.2.10"],
  },
  detect(w) {
    if (isWindows(w)) return [];
    const out = [];
    for (const c of containersOf(w)) {
      const sc = containerSecurityContext(c.container);
      const missingDrop = !droppedCapabilities(sc).includes("ALL");
      const extra = restrictedOnlyAdds(sc);
      if (!missingDrop && extra.length === 0) continue;
      const problems = [
        ...(missingDrop ? ["does not drop ALL capabilities"] : []),
        ...(extra.length ? [`adds ${quoteList(extra)} (only NET_BIND_SERVICE is allowed)`] : []),
      ];
      out.push(
        makeFinding({
          meta: capabilitiesRestricted.meta,
          resource: w.ref,
          container: c.name,
          path: `${c.path}.securityContext.capabilities${missingDrop ? ".drop" : ".add"}`,
          message: `container "${c.name}" ${problems.join(" and ")}`,
        }),
      );
    }
    return out;
  },
  fix(finding, ctx) {
    const container = findContainer(ctx.object, finding);
    if (!container) return undefined;
    const sc = containerSecurityContext(container);
    const caps: Record<string, unknown> = {};
    const dropped = droppedCapabilities(sc);
    if (!dropped.includes("ALL")) caps.drop = [...dropped, "ALL"];
    const added = addedCapabilities(sc);
    if (added.some((cap) => cap !== "NET_BIND_SERVICE")) {
      const keep = added.filter((cap) => cap === "NET_BIND_SERVICE");
      caps.add = keep.length ? keep : null;
    }
    const patch = containerPatch(finding, { securityContext: { capabilities: caps } });
    if (!patch) return undefined;
    return {
      kind: "podSpec",
      patch,
      explain: `pod.capabilities-restricted: container ${finding.container} drops ALL capabilities${"add" in caps ? " and adds only NET_BIND_SERVICE" : ""}`,
      mayBreak:
        "processes that rely on default capabilities (chown/setuid at start-up, binding ports below 1024 without NET_BIND_SERVICE)",
    };
  },
};

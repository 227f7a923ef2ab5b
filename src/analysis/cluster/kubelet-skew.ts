// cluster.kubelet-skew: a kubelet outside the version skew the API server supports
// (kubelets may be up to three minors older, never newer, since Kubernetes 1.28).
import { refOf } from "../../cluster/objects.js";
import { type Finding, makeFinding } from "../finding.js";
import { parseMinor } from "./eol-table.js";
import { type ClusterCheck, kubeletVersion } from "./view.js";

/** How many minors older than the API server a kubelet may be (1.28+; two before). */
export function maxKubeletLag(serverMinor: number): number {
  return serverMinor >= 28 ? 3 : 2;
}

export const kubeletSkew: ClusterCheck = {
  meta: {
    id: "cluster.kubelet-skew",
    title: "Kubelet outside the supported version skew",
    severity: "medium",
    panel: "cluster",
    description:
      "A node's kubelet is newer than the API server, or more minors older than the version skew policy allows (three since 1.28): that combination is untested upstream, and an old kubelet misses the security fixes and features (such as NodeRestriction's newer limits) of the control plane.",
    remediation:
      "Upgrade (or, if it is newer, replace) the node's kubelet to within the supported skew of the API server.",
    references: ["Kubernetes docs: Version Skew Policy — kubelet"],
  },
  detect(view) {
    const sv = view.serverVersion;
    if (sv?.minor.major !== 1) return [];
    const out: Finding[] = [];
    const lag = maxKubeletLag(sv.minor.minor);
    for (const node of view.nodes) {
      const text = kubeletVersion(node);
      const m = parseMinor(text);
      if (!text || !m || m.major !== 1) continue;
      const diff = sv.minor.minor - m.minor;
      if (diff >= 0 && diff <= lag) continue;
      out.push(
        makeFinding({
          meta: kubeletSkew.meta,
          resource: refOf(node),
          path: "status.nodeInfo.kubeletVersion",
          severity: diff < 0 ? "medium" : "high",
          message:
            diff < 0
              ? `node ${node.metadata.name} runs kubelet ${text}, newer than the API server (${sv.text}): kubelets must not be newer`
              : `node ${node.metadata.name} runs kubelet ${text}, ${diff} minors behind the API server (${sv.text}); at most ${lag} are supported`,
        }),
      );
    }
    return out;
  },
};

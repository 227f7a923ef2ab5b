// cluster.version-eol: the API server or a kubelet runs a Kubernetes minor past
// its upstream end of life (eol-table.ts): no more security fixes.
import { refOf } from "../../cluster/objects.js";
import { type Finding, makeFinding } from "../finding.js";
import { eolStatus, LAST_CHECKED, parseMinor } from "./eol-table.js";
import { type ClusterCheck, kubeletVersion } from "./view.js";

export const versionEol: ClusterCheck = {
  meta: {
    id: "cluster.version-eol",
    title: "Kubernetes version past end of life",
    severity: "high",
    panel: "cluster",
    description: `The API server (from /version, or the kube-apiserver image tag) or a node's kubelet runs a Kubernetes minor version whose upstream support has ended: vulnerabilities found since are not fixed in it. End-of-life dates come from a table in kubeward, last checked ${LAST_CHECKED}; a provider may support a minor longer.`,
    remediation:
      "Upgrade the control plane one minor version at a time to a supported release, then the nodes (kubeadm upgrade, or the provider's upgrade).",
    references: [
      "Kubernetes docs: Releases — release history and end-of-life dates",
      "Kubernetes docs: Version Skew Policy",
    ],
  },
  detect(view) {
    const out: Finding[] = [];
    const sv = view.serverVersion;
    if (sv) {
      const s = eolStatus(sv.minor, view.today);
      if (s.state === "eol")
        out.push(
          makeFinding({
            meta: versionEol.meta,
            resource: sv.ref,
            message: `the API server runs ${sv.text}${sv.from === "image" ? " (by its image tag)" : ""}: Kubernetes ${sv.minor.major}.${sv.minor.minor} reached end of life ${s.eol ?? "before the oldest release kubeward lists"}`,
            discriminator: "server",
          }),
        );
    }
    for (const node of view.nodes) {
      const text = kubeletVersion(node);
      const minor = parseMinor(text);
      if (!text || !minor) continue;
      const s = eolStatus(minor, view.today);
      if (s.state !== "eol") continue;
      out.push(
        makeFinding({
          meta: versionEol.meta,
          resource: refOf(node),
          path: "status.nodeInfo.kubeletVersion",
          message: `node ${node.metadata.name} runs kubelet ${text}: Kubernetes ${minor.major}.${minor.minor} reached end of life ${s.eol ?? "before the oldest release kubeward lists"}`,
        }),
      );
    }
    return out;
  },
};

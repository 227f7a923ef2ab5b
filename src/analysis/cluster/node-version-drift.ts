// cluster.node-version-drift: nodes on different Kubernetes minors — an upgrade
// left half done. One finding for the cluster, on a node of the oldest minor.

import type { KObject } from "../../cluster/objects.js";
import { refOf } from "../../cluster/objects.js";
import { makeFinding } from "../finding.js";
import { parseMinor } from "./eol-table.js";
import { type ClusterCheck, kubeletVersion } from "./view.js";

export const nodeVersionDrift: ClusterCheck = {
  meta: {
    id: "cluster.node-version-drift",
    title: "Nodes on different Kubernetes versions",
    severity: "low",
    panel: "cluster",
    description:
      "The nodes' kubelets run different minor versions: usually an upgrade left half done. The older nodes miss fixes the others have, and workloads behave differently depending on where they land. Two or more minors apart is medium.",
    remediation: "Finish the upgrade: drain and upgrade (or replace) the nodes still on the older minor.",
    references: [
      "Kubernetes docs: Upgrading kubeadm clusters — upgrade worker nodes",
      "Kubernetes docs: Version Skew Policy",
    ],
  },
  detect(view) {
    const byMinor = new Map<number, KObject[]>();
    for (const node of view.nodes) {
      const m = parseMinor(kubeletVersion(node));
      if (m?.major !== 1) continue;
      let list = byMinor.get(m.minor);
      if (!list) byMinor.set(m.minor, (list = []));
      list.push(node);
    }
    if (byMinor.size < 2) return [];
    const minors = [...byMinor.keys()].sort((a, b) => a - b);
    const oldest = minors[0]!;
    const newest = minors[minors.length - 1]!;
    const oldNodes = byMinor.get(oldest)!.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    const summary = minors.map((m) => `1.${m}: ${byMinor.get(m)!.length} node(s)`).join(", ");
    return [
      makeFinding({
        meta: nodeVersionDrift.meta,
        resource: refOf(oldNodes[0]!),
        severity: newest - oldest >= 2 ? "medium" : "low",
        message: `nodes run ${minors.length} Kubernetes minors (${summary}); oldest: ${oldNodes
          .slice(0, 5)
          .map((n) => `${n.metadata.name} (${kubeletVersion(n)})`)
          .join(", ")}${oldNodes.length > 5 ? ` +${oldNodes.length - 5}` : ""}`,
        related: oldNodes.slice(1, 20).map(refOf),
      }),
    ];
  },
};

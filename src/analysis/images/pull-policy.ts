// imagePullPolicy IfNotPresent/Never with a mutable tag runs whatever `latest`
// the node cached, possibly weeks old. (Unset, Kubernetes defaults to Always for
// `latest` or no tag, and to IfNotPresent otherwise: only explicit values matter here.)
import type { WorkloadCheck } from "../engine.js";
import { makeFinding } from "../finding.js";
import { imagesOf } from "./containers.js";
import { isMutable } from "./reference.js";

export const pullPolicy: WorkloadCheck = {
  meta: {
    id: "image.pull-policy",
    title: "Pull policy lets a stale image run",
    severity: "medium",
    panel: "images",
    description:
      "A mutable image (`latest` or no tag, no digest) with imagePullPolicy IfNotPresent or Never: each node runs whatever version it cached first, so nodes disagree and fixes never arrive.",
    remediation: "Pin a digest; until then set imagePullPolicy: Always.",
    references: ["https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy"],
  },
  detect(w) {
    return imagesOf(w)
      .filter(
        (i) =>
          isMutable(i.ref) &&
          (i.container.imagePullPolicy === "IfNotPresent" || i.container.imagePullPolicy === "Never"),
      )
      .map((i) =>
        makeFinding({
          meta: pullPolicy.meta,
          resource: w.ref,
          container: i.name,
          path: `${i.path}.imagePullPolicy`,
          message: `container "${i.name}" runs mutable ${i.image} with imagePullPolicy ${i.container.imagePullPolicy}: nodes keep a stale copy`,
        }),
      );
  },
  fix(finding) {
    const list = /\.(containers|initContainers)\[\d+\]/.exec(finding.path ?? "")?.[1];
    if (!list || !finding.container) return undefined;
    return {
      kind: "podSpec",
      patch: { [list]: [{ name: finding.container, imagePullPolicy: "Always" }] },
      explain: `image.pull-policy: container ${finding.container} pulls its image on every start`,
      mayBreak: "pods cannot start while the registry is unreachable (no fallback to the node's cached image)",
    };
  },
};

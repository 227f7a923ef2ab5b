// `latest` or no tag: what runs depends on when each node pulled, and a rollback
// does not roll back the image.
import type { WorkloadCheck } from "../engine.js";
import { makeFinding } from "../finding.js";
import { imagesOf } from "./containers.js";
import { isMutable } from "./reference.js";

export const mutableTag: WorkloadCheck = {
  meta: {
    id: "image.mutable-tag",
    title: "Mutable image tag",
    severity: "medium",
    panel: "images",
    description:
      "The image has the tag `latest` or no tag (which means latest) and no digest: nodes may run different images under one name, and a rollback or restart can silently pull a new one.",
    remediation:
      "Use a versioned tag, better a digest (image@sha256:...). Resolve the digest with `crane digest IMAGE` or `docker buildx imagetools inspect IMAGE`.",
    references: [
      "https://kubernetes.io/docs/concepts/containers/images/#image-names",
      "https://kubernetes.io/docs/concepts/configuration/overview/#container-images",
    ],
  },
  detect(w) {
    return imagesOf(w)
      .filter((i) => isMutable(i.ref))
      .map((i) =>
        makeFinding({
          meta: mutableTag.meta,
          resource: w.ref,
          container: i.name,
          path: `${i.path}.image`,
          message: `container "${i.name}" runs ${i.image} (${i.ref.tag ? "tag latest" : "no tag"}): pin a version or a digest`,
        }),
      );
  },
};

// A tag is a pointer the registry owner can move; a digest is the content.

import { dns1123Label, imageProblem } from "../../cluster/names.js";
import type { WorkloadCheck } from "../engine.js";
import { makeFinding } from "../finding.js";
import { containersOf, workloadOf } from "../workloads.js";
import { digestCommand, imagesOf } from "./containers.js";

export const noDigest: WorkloadCheck = {
  meta: {
    id: "image.no-digest",
    // Pinning needs the registry's digest: the fix is the command that finds it, never a patch.
    commandOnly: true,
    title: "Image not pinned to a digest",
    severity: "low",
    panel: "images",
    description:
      "The image is referenced by tag only. Tags can be moved (or a registry compromised) to serve different content; a digest names exactly one image.",
    remediation:
      "Pin image@sha256:<digest>. kubeward does not call registries: resolve the digest with `crane digest IMAGE` or `docker buildx imagetools inspect IMAGE` and set it in the manifest.",
    references: [
      "https://kubernetes.io/docs/concepts/containers/images/#image-names",
      "SLSA: pin dependencies by digest",
    ],
  },
  detect(w) {
    return imagesOf(w)
      .filter((i) => !i.ref.digest)
      .map((i) =>
        makeFinding({
          meta: noDigest.meta,
          resource: w.ref,
          container: i.name,
          path: `${i.path}.image`,
          message: `container "${i.name}" runs ${i.image} without a digest`,
        }),
      );
  },
  // Not a patch: the digest must come from the registry, which kubeward never calls.
  fix(finding, ctx) {
    const image = /runs (\S+) without a digest/.exec(finding.message)?.[1];
    // The image as written (the API refuses surrounding whitespace; imagesOf trims it).
    const w = ctx.object && workloadOf(ctx.object);
    const written = w && containersOf(w).find((c) => c.name === finding.container)?.container.image;
    // An image or container name Kubernetes would reject is a reported problem, never a command.
    if (!image || written !== image || imageProblem(image) || !dns1123Label(finding.container ?? "")) return undefined;
    return {
      kind: "command",
      command: `${digestCommand(image)}   # then set image: <name>@sha256:<digest> in container ${finding.container}`,
      explain: `image.no-digest: resolve the digest of ${image} and pin it`,
    };
  },
};

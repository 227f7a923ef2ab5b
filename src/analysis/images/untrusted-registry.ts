// Registries outside the allow-list (--trusted-registries / trustedRegistries in
// --config). Off when the list is empty.
import type { WorkloadCheck } from "../engine.js";
import { makeFinding } from "../finding.js";
import { imagesOf } from "./containers.js";
import { isTrusted } from "./reference.js";

export const untrustedRegistry: WorkloadCheck = {
  meta: {
    id: "image.untrusted-registry",
    title: "Image from an untrusted registry",
    severity: "high",
    panel: "images",
    description:
      "The image comes from a registry (or repository prefix) outside the trusted list given with --trusted-registries or trustedRegistries in --config. Only checked when that list is set.",
    remediation:
      "Mirror the image into a trusted registry and reference it there, or add the registry to the trusted list if it is one; enforce with an admission policy.",
    references: ["CIS 5.5.1: Configure Image Provenance", "https://kubernetes.io/docs/concepts/containers/images/"],
  },
  detect(w, ctx) {
    const trusted = ctx.options.trustedRegistries;
    if (!trusted.length) return [];
    return imagesOf(w)
      .filter((i) => !isTrusted(i.ref, trusted))
      .map((i) =>
        makeFinding({
          meta: untrustedRegistry.meta,
          resource: w.ref,
          container: i.name,
          path: `${i.path}.image`,
          message: `container "${i.name}" pulls ${i.image} from ${i.ref.registry}, not a trusted registry`,
        }),
      );
  },
};

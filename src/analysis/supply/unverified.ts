// A running image that no signature-verification policy in enforcing mode covers
// in its namespace: an unsigned or re-tagged image would be admitted. Read from
// Kyverno (ClusterPolicy/Policy verifyImages, ImageValidatingPolicy) and sigstore
// policy-controller (ClusterImagePolicy); see policies.ts for how each applies.
// Only reported when at least one such policy object is in view.
import type { ResourceRef } from "../../cluster/objects.js";
import type { FixFragment, WorkloadCheck } from "../engine.js";
import { type FixRef, fixRef, makeFinding } from "../finding.js";
import { imagesOf } from "../images/containers.js";
import { workloadsIn } from "../workloads.js";
import { coverageOf } from "./policies.js";
import { supplyModel } from "./vulnerable.js";

export const VERIFY_POLICY_NAME = "kubeward-verify-images";

const POLICY_TARGET: ResourceRef = Object.freeze({
  apiVersion: "kyverno.io/v1",
  kind: "ClusterPolicy",
  name: VERIFY_POLICY_NAME,
});

/** Every unverified finding is fixed by the same new policy manifest. */
export function verifyPolicyFix(): FixRef {
  return fixRef(POLICY_TARGET, "manifest");
}

const label = (r: ResourceRef) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${r.name}`;

export const imageUnverified: WorkloadCheck = {
  reads: { models: ["supply"] },
  meta: {
    id: "image.unverified",
    title: "Image signature not enforced",
    severity: "medium",
    panel: "images",
    description:
      "No signature-verification policy in enforcing mode covers this image in its namespace: Kyverno ClusterPolicy/Policy verifyImages (imageReferences minus skipImageReferences, rule match/exclude, failureAction Enforce), Kyverno ImageValidatingPolicy (matchImageReferences, validationActions Deny) or sigstore ClusterImagePolicy (images glob, namespaces labelled policy.sigstore.dev/include=true, mode enforce). Coverage in Audit/Warn mode only is reported as low. Only reported when at least one such policy is in view.",
    remediation:
      "Sign images in CI (cosign) and verify them at admission. The fix is a Kyverno ClusterPolicy in Audit mode for the registries in use, with a placeholder key: put in your public key, watch the policy reports, then switch failureAction to Enforce.",
    references: [
      "https://kyverno.io/docs/policy-types/cluster-policy/verify-images/",
      "https://kyverno.io/docs/policy-types/image-validating-policy/",
      "https://docs.sigstore.dev/policy-controller/overview/",
    ],
  },
  detect(w, ctx) {
    const model = supplyModel(ctx);
    if (!model?.hasPolicySource) return [];
    return imagesOf(w).flatMap((i) => {
      const cov = coverageOf(model, w, i.image);
      if (cov.enforce.length) return [];
      const audit = cov.audit.length > 0;
      const unknown = cov.unknown.length
        ? `; CEL image matches not evaluated: ${cov.unknown.map(label).join(", ")}`
        : "";
      return [
        makeFinding({
          meta: imageUnverified.meta,
          resource: w.ref,
          container: i.name,
          path: `${i.path}.image`,
          severity: audit ? "low" : "medium",
          message: audit
            ? `container "${i.name}" runs ${i.image}: signatures are only audited (${cov.audit.map(label).join(", ")}), an unsigned image would still run${unknown}`
            : `container "${i.name}" runs ${i.image}: no enforcing signature policy covers it in namespace ${w.namespace}${unknown}`,
          related: [...cov.audit, ...cov.unknown],
          fix: verifyPolicyFix(),
        }),
      ];
    });
  },
  fix(_finding, ctx): FixFragment {
    const registries = new Set<string>();
    for (const w of workloadsIn(ctx.store)) for (const i of imagesOf(w)) registries.add(i.ref.registry);
    const refs = [...registries].sort().map((r) => `${r}/*`);
    return {
      kind: "manifest",
      manifest: {
        apiVersion: "kyverno.io/v1",
        kind: "ClusterPolicy",
        metadata: {
          name: VERIFY_POLICY_NAME,
          annotations: {
            "policies.kyverno.io/title": "Verify image signatures (written by kubeward)",
            "policies.kyverno.io/description":
              "Audit mode: reports unsigned images without blocking. Replace the placeholder key, then set failureAction to Enforce.",
          },
        },
        spec: {
          background: false,
          webhookTimeoutSeconds: 30,
          rules: [
            {
              name: "verify-image-signatures",
              match: { any: [{ resources: { kinds: ["Pod"] } }] },
              verifyImages: [
                {
                  imageReferences: refs.length ? refs : ["*"],
                  failureAction: "Audit",
                  mutateDigest: false,
                  attestors: [
                    {
                      entries: [
                        {
                          keys: {
                            publicKeys:
                              "-----BEGIN PUBLIC KEY-----\nREPLACE-WITH-YOUR-COSIGN-PUBLIC-KEY (cosign public-key --key cosign.key)\n-----END PUBLIC KEY-----",
                          },
                        },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
      },
      explain: `Kyverno ClusterPolicy ${VERIFY_POLICY_NAME} in Audit mode: verifies cosign signatures of images from ${refs.join(", ") || "every registry"} and reports failures in policy reports without blocking. Replace the placeholder public key with your signing key first.`,
      mayBreak:
        "Switched to failureAction: Enforce, it blocks every new Pod (and the controllers' rollouts) whose image from these registries has no valid signature by this key — third-party images (databases, ingress controllers, system add-ons) included: sign or mirror them, or list them in skipImageReferences, before enforcing.",
    };
  },
};

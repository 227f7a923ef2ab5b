// "Scan every image": with a vulnerability source in view, a running image that
// no report covers is a blind spot (a new image trivy-operator has not scanned
// yet, a namespace it skips, an image missing from the CI's --vulns files).
import type { WorkloadCheck } from "../engine.js";
import { makeFinding } from "../finding.js";
import { imagesOf } from "../images/containers.js";
import { supplyModel } from "./vulnerable.js";

export const imageScanMissing: WorkloadCheck = {
  reads: { models: ["supply"] },
  meta: {
    id: "image.scan-missing",
    title: "Image not covered by any vulnerability report",
    severity: "medium",
    panel: "images",
    description:
      "Vulnerability reports are in view (trivy-operator VulnerabilityReports or --vulns files), but none covers the image this container runs — by digest, exact reference or scanned workload — so its vulnerabilities are unknown. Only reported when at least one report exists.",
    remediation:
      "Scan the image: check trivy-operator's scan jobs and its namespace/registry exclusions, or add `trivy image --format json IMAGE` / `grype -o json IMAGE` output to --vulns.",
    references: ["https://kubernetes.io/docs/concepts/security/security-checklist/#images"],
  },
  detect(w, ctx) {
    const model = supplyModel(ctx);
    if (!model?.hasVulnSource) return [];
    return imagesOf(w)
      .filter((i) => !model.vulnerabilityReport(w, i))
      .map((i) =>
        makeFinding({
          meta: imageScanMissing.meta,
          resource: w.ref,
          container: i.name,
          path: `${i.path}.image`,
          message: `container "${i.name}" runs ${i.image}, which no vulnerability report covers`,
        }),
      );
  },
};

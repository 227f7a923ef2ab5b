// A secret baked into an image layer (trivy's secret scanner, trivy-operator's
// ExposedSecretReport): anyone who can pull the image has it. The rule, category
// and file are shown; the matched text never enters kubeward.
import type { WorkloadCheck } from "../engine.js";
import { makeFinding, type Severity, severityRank } from "../finding.js";
import { imagesOf } from "../images/containers.js";
import { evidencePath, severityOfVuln } from "./model.js";
import { supplyModel } from "./vulnerable.js";

export const imageExposedSecret: WorkloadCheck = {
  reads: { models: ["supply"] },
  meta: {
    id: "image.exposed-secret",
    title: "Secret baked into the image",
    severity: "high",
    panel: "images",
    description:
      "A scanner found a credential (key, token, password) in a file of the image this container runs: everyone who can pull the image can read it. Reported with its rule, category and file; the secret text itself is never read. Severity is the scanner's.",
    remediation:
      "Revoke and rotate the credential now, remove the file from the image build (multi-stage builds, .dockerignore), rebuild and roll out; give the workload the credential at run time from a Secret.",
    references: [
      "https://aquasecurity.github.io/trivy-operator/latest/docs/crds/exposedsecret-report/",
      "https://trivy.dev/latest/docs/scanner/secret/",
    ],
  },
  detect(w, ctx) {
    const model = supplyModel(ctx);
    if (!model?.secrets.all.length) return [];
    return imagesOf(w).flatMap((i) => {
      const match = model.secretReport(w, i);
      const secrets = match?.report.secrets ?? [];
      if (!match || !secrets.length) return [];
      let severity: Severity = "info";
      for (const s of secrets) {
        const sev = severityOfVuln(s.severity);
        if (severityRank(sev) < severityRank(severity)) severity = sev;
      }
      const shown = secrets
        .slice(0, 3)
        .map((s) => `${s.ruleID}${s.category ? ` (${s.category})` : ""}${s.target ? ` in ${s.target}` : ""}`);
      return [
        makeFinding({
          meta: imageExposedSecret.meta,
          resource: w.ref,
          container: i.name,
          path: evidencePath(model, w, i, match, (m, x, e) => m.secretReport(x, e)),
          severity,
          message: `container "${i.name}" runs ${i.image}, which carries ${secrets.length} secret${secrets.length > 1 ? "s" : ""}: ${shown.join("; ")}${secrets.length > 3 ? ` +${secrets.length - 3}` : ""}`,
          related: [match.report.ref],
        }),
      ];
    });
  },
};

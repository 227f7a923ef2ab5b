// Credentials written straight into a pod spec: anyone who can read the
// Deployment (or its ReplicaSets, or `kubectl describe pod`) has them.
import { isRecord } from "../../util/record.js";
import type { WorkloadCheck } from "../engine.js";
import { type Finding, makeFinding } from "../finding.js";
import { containersOf } from "../workloads.js";
import { detectInValue } from "./detectors.js";

export const plaintextEnv: WorkloadCheck = {
  reads: { kinds: [] }, // the object itself
  meta: {
    id: "secret.plaintext-env",
    title: "Plaintext credential in env value",
    severity: "high",
    panel: "secrets",
    description:
      "An environment variable holds a literal credential (a cloud key, token, private key or a password-named variable with a value). Pod specs are readable by far more subjects than Secrets and are copied into ReplicaSets, events and backups.",
    remediation:
      "Move the value into a Secret (created outside the manifest), mount it as a file, rotate the credential: it has been exposed.",
    references: ["https://kubernetes.io/docs/concepts/configuration/secret/", "CWE-798: Use of Hard-coded Credentials"],
  },
  detect(w) {
    const out: Finding[] = [];
    for (const c of containersOf(w)) {
      const env = Array.isArray(c.container.env) ? c.container.env : [];
      env.forEach((e, i) => {
        if (!isRecord(e) || typeof e.name !== "string") return;
        // The value is looked at here and nowhere else; only the label and mask leave.
        for (const d of detectInValue(e.name, e.value)) {
          out.push(
            makeFinding({
              meta: plaintextEnv.meta,
              resource: w.ref,
              container: c.name,
              path: `${c.path}.env[${i}].value`,
              discriminator: d.line ? String(d.line) : undefined,
              message: `container "${c.name}" env ${e.name}${d.line ? ` line ${d.line}` : ""}: ${d.label} in plain text (${d.masked})`,
            }),
          );
        }
      });
    }
    return out;
  },
};

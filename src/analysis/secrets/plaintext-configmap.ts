// Credentials in ConfigMaps: ConfigMaps are meant to be widely readable (many
// roles grant get on them, and they are not encrypted at rest), so a credential
// there is exposed to everyone who can read configuration.
import { type KObject, refOf } from "../../cluster/objects.js";
import { isRecord } from "../../util/record.js";
import type { CheckDef } from "../engine.js";
import { type Finding, makeFinding } from "../finding.js";
import { detectInValue } from "./detectors.js";

export const plaintextConfigMap: CheckDef & { detect(cm: KObject): Finding[] } = {
  reads: { kinds: [] }, // the object itself
  meta: {
    id: "secret.plaintext-configmap",
    title: "Plaintext credential in ConfigMap",
    severity: "high",
    panel: "secrets",
    description:
      "A ConfigMap key (or a key=value line in a config file it holds) contains a literal credential. ConfigMaps are readable by many roles and are not encrypted at rest.",
    remediation: "Move the credential into a Secret mounted as a file, and rotate it: it has been exposed.",
    references: [
      "https://kubernetes.io/docs/concepts/configuration/configmap/",
      "CWE-798: Use of Hard-coded Credentials",
    ],
  },
  detect(cm) {
    if (!isRecord(cm.data)) return [];
    const out: Finding[] = [];
    for (const [key, value] of Object.entries(cm.data)) {
      for (const d of detectInValue(key, value)) {
        const where = d.line ? `${key} line ${d.line}${d.setting ? ` (${d.setting})` : ""}` : key;
        out.push(
          makeFinding({
            meta: plaintextConfigMap.meta,
            resource: refOf(cm),
            path: `data.${key}`,
            discriminator: d.line ? String(d.line) : undefined,
            message: `key ${where}: ${d.label} in plain text (${d.masked})`,
          }),
        );
      }
    }
    return out;
  },
};

// PSS restricted "Volume Types": only configMap, csi, downwardAPI, emptyDir,
// ephemeral, image (PSA allows it since 1.33), persistentVolumeClaim, projected
// and secret. hostPath is reported by pod.host-path (baseline). No patch: the
// volume's data lives in that storage; moving it is a migration, not a patch.
import { isRecord } from "../../util/record.js";
import { makeFinding } from "../finding.js";
import { type PssCheck, quoteList } from "./pss.js";

export const RESTRICTED_VOLUME_TYPES: ReadonlySet<string> = new Set([
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "image",
  "persistentVolumeClaim",
  "projected",
  "secret",
]);

export const volumeTypes: PssCheck = {
  breaks: "restricted",
  meta: {
    id: "pod.volume-types",
    title: "Volume type outside the restricted set",
    severity: "medium",
    panel: "pods",
    description:
      "The restricted profile allows only core volume types (configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret); other in-line sources such as nfs or gitRepo bypass PersistentVolume controls.",
    remediation:
      "Use a PersistentVolumeClaim (backed by a PersistentVolume of that type) instead of the in-line volume source.",
    references: ["PSS restricted: Volume Types"],
  },
  detect(w) {
    const volumes = w.podSpec.volumes;
    if (!Array.isArray(volumes)) return [];
    const out = [];
    for (const [i, v] of volumes.entries()) {
      if (!isRecord(v)) continue;
      // A volume with no source is defaulted to emptyDir by the API server.
      const sources = Object.keys(v).filter((k) => k !== "name" && v[k] !== undefined && v[k] !== null);
      if (sources.length === 0 || sources.some((s) => RESTRICTED_VOLUME_TYPES.has(s)) || sources.includes("hostPath"))
        continue;
      const name = typeof v.name === "string" ? v.name : `#${i}`;
      out.push(
        makeFinding({
          meta: volumeTypes.meta,
          resource: w.ref,
          path: `${w.specPath}.volumes[${i}].${sources[0]}`,
          message: `volume "${name}" is of type ${quoteList(sources)}, not allowed by the restricted profile`,
        }),
      );
    }
    return out;
  },
};

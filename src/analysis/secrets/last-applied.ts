// `kubectl apply` of a Secret manifest copies the whole manifest, data included,
// into the kubectl.kubernetes.io/last-applied-configuration annotation: the
// values then show in `kubectl describe`, in metadata-only lists and in any tool
// that dumps annotations. Projection records only the key names (lastAppliedDataKeys).
import { type KObject, refOf } from "../../cluster/objects.js";
import { LAST_APPLIED } from "../../cluster/project.js";
import type { CheckDef } from "../engine.js";
import { type Finding, makeFinding } from "../finding.js";

export const lastApplied: CheckDef & { detect(secret: KObject): Finding[] } = {
  reads: { kinds: [] }, // the object itself
  meta: {
    id: "secret.last-applied",
    title: "Secret data in last-applied annotation",
    severity: "high",
    panel: "secrets",
    description:
      "The Secret's values are copied into its kubectl.kubernetes.io/last-applied-configuration annotation (client-side kubectl apply), where `kubectl describe`, metadata-only readers and annotation-dumping tools see them.",
    remediation:
      "Remove the annotation, rotate the values (they stay in etcd history and backups), and create Secrets with server-side apply or from an external secret store.",
    references: [
      "https://kubernetes.io/docs/tasks/manage-kubernetes-objects/declarative-config/",
      "https://kubernetes.io/docs/concepts/security/secrets-good-practices/",
    ],
  },
  detect(secret) {
    const keys: unknown = secret.lastAppliedDataKeys;
    if (!Array.isArray(keys) || keys.length === 0) return [];
    const names = keys.filter((k): k is string => typeof k === "string");
    return [
      makeFinding({
        meta: lastApplied.meta,
        resource: refOf(secret),
        path: `metadata.annotations.${LAST_APPLIED}`,
        message: `the last-applied annotation holds the values of ${names.length} key(s): ${names.join(", ")}`,
        fix: { target: refOf(secret), type: "strategic" },
      }),
    ];
  },
  fix() {
    return {
      kind: "object",
      // A strategic-merge patch with null removes the annotation; kubectl patch does not re-add it.
      patch: { metadata: { annotations: { [LAST_APPLIED]: null } } },
      explain:
        "secret.last-applied: removes the last-applied-configuration annotation; the old values remain in etcd history and backups, so rotate them",
      mayBreak:
        "a later client-side `kubectl apply` of this Secret re-adds the annotation (use `kubectl apply --server-side`) and cannot prune fields it no longer knows it set",
    };
  },
};

// CIS 5.1.5: a namespace's `default` ServiceAccount should not hand its token to
// every pod that does not name an account. Every namespace has one; a pod that
// forgets serviceAccountName gets it, and so gets whatever is later bound to it.
import { type KObject, refOf } from "../../cluster/objects.js";
import type { CheckDef } from "../engine.js";
import { type Finding, makeFinding } from "../finding.js";

export const defaultSaAutomount: CheckDef & { detect(sa: KObject): Finding[] } = {
  meta: {
    id: "secret.default-sa-automount",
    title: "Default service account automounts its token",
    severity: "low",
    panel: "secrets",
    description:
      "The namespace's `default` ServiceAccount does not set automountServiceAccountToken: false, so every pod that names no account gets an API token — a credential most applications never use, and one that any later RoleBinding to `default` arms. (A pod using it with risky RBAC is reported by secret.token-automount, ranked by that RBAC.)",
    remediation:
      "Set automountServiceAccountToken: false on the default ServiceAccount; give workloads that call the API their own account.",
    references: [
      "CIS 5.1.5",
      "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting",
    ],
  },
  detect(sa) {
    if (sa.kind !== "ServiceAccount" || sa.metadata.name !== "default") return [];
    if (sa.automountServiceAccountToken === false) return [];
    return [
      makeFinding({
        meta: defaultSaAutomount.meta,
        resource: refOf(sa),
        path: "automountServiceAccountToken",
        message: `the default service account of ${sa.metadata.namespace ?? "its namespace"} mounts its token into every pod that names no account`,
        fix: { target: refOf(sa), type: "strategic" },
      }),
    ];
  },
  fix() {
    return {
      kind: "object",
      patch: { automountServiceAccountToken: false },
      explain:
        "secret.default-sa-automount: pods using the namespace's default service account no longer get its token unless they ask for it",
      mayBreak:
        "pods that run as `default` and call the Kubernetes API lose their token: give them their own ServiceAccount, or set automountServiceAccountToken: true on their pod spec",
    };
  },
};

// A pod with its service account's token mounted hands that account's RBAC to
// anyone who gets code execution in the pod. Reported when the account has risky
// RBAC, ranked by it; and, low, when the pod runs as its namespace's `default`
// account with the token mounted though nothing risky is granted (CIS 5.1.5/5.1.6:
// a credential nobody needs, that any later binding to `default` arms). Needs the
// "rbac" model; silent without it.
import type { WorkloadCheck } from "../engine.js";
import { makeFinding } from "../finding.js";
import { powerOf, subjectLabel } from "./power.js";
import { hasProjectedToken, serviceAccountOf, tokenAutomounted } from "./refs.js";

export const tokenAutomount: WorkloadCheck = {
  reads: { models: ["rbac"] },
  meta: {
    id: "secret.token-automount",
    title: "Service-account token mounted",
    severity: "high",
    panel: "secrets",
    description:
      "The pod mounts its service account's API token automatically, and that account has risky RBAC: code execution in any container becomes that access. Critical when the account can read secrets everywhere, create pods everywhere or escalate. Low when the pod runs as its namespace's default service account without risky RBAC: the token is a credential the application does not need (CIS 5.1.5, 5.1.6).",
    remediation:
      "Set automountServiceAccountToken: false on the pod template when the application does not call the Kubernetes API; otherwise narrow the account's RBAC.",
    references: [
      "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting",
      "CIS 5.1.5",
      "CIS 5.1.6",
    ],
  },
  detect(w, ctx) {
    // A pod that projects its own token chose to have one (audience, expiry): not automount's doing.
    if (!tokenAutomounted(w, ctx.store) || hasProjectedToken(w)) return [];
    const sa = serviceAccountOf(w);
    const rbac = ctx.models.rbac;
    const power = powerOf(rbac, sa, w.namespace);
    if (!power) {
      if (!rbac || sa.name !== "default") return [];
      return [
        makeFinding({
          meta: tokenAutomount.meta,
          resource: w.ref,
          path: `${w.specPath}.automountServiceAccountToken`,
          severity: "low",
          message: `mounts the token of its namespace's default service account (${subjectLabel(sa)}), which has no risky RBAC: a credential it does not need`,
          related: [{ apiVersion: "v1", kind: "ServiceAccount", namespace: w.namespace, name: sa.name }],
        }),
      ];
    }
    return [
      makeFinding({
        meta: tokenAutomount.meta,
        resource: w.ref,
        path: `${w.specPath}.automountServiceAccountToken`,
        severity: power.level,
        message: `mounts the token of ${subjectLabel(sa)}, which can ${power.reasons.join(", ")}`,
        related: [{ apiVersion: "v1", kind: "ServiceAccount", namespace: w.namespace, name: sa.name }],
      }),
    ];
  },
  // On the pod template, not the ServiceAccount: the account may be shared with
  // workloads that do call the API, and the pod's setting wins over the account's.
  fix() {
    return {
      kind: "podSpec",
      patch: { automountServiceAccountToken: false },
      explain: "secret.token-automount: the pod no longer gets its service account's API token",
      mayBreak:
        "applications that call the Kubernetes API (client libraries, operators, sidecars) lose their credentials",
    };
  },
};

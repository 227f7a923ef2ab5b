// Legacy service-account token Secrets never expire and are not bound to a pod:
// whoever copies one keeps the account's power until the Secret is deleted.
// Live metadata-only lists carry no `type`, so the annotation identifies them too.
import { effectiveNamespace } from "../../cluster/namespace.js";
import { type KObject, refOf } from "../../cluster/objects.js";
import { sh } from "../../util/shell.js";
import type { CheckDef } from "../engine.js";
import { type Finding, makeFinding } from "../finding.js";
import type { RbacModel } from "../models.js";
import { powerOf, subjectLabel } from "./power.js";

export const SA_NAME_ANNOTATION = "kubernetes.io/service-account.name";

export function isLegacyToken(secret: KObject): boolean {
  return (
    secret.type === "kubernetes.io/service-account-token" ||
    typeof secret.metadata.annotations[SA_NAME_ANNOTATION] === "string"
  );
}

export const legacyToken: CheckDef & { detect(secret: KObject, rbac: RbacModel | undefined): Finding[] } = {
  reads: { models: ["rbac"] },
  meta: {
    id: "secret.legacy-token",
    title: "Long-lived service-account token Secret",
    severity: "medium",
    panel: "secrets",
    description:
      "A Secret of type kubernetes.io/service-account-token holds a token that never expires and is not bound to a pod. Ranked higher when the account has risky RBAC.",
    remediation:
      "Delete the Secret and have clients request short-lived tokens (`kubectl create token SA`, the TokenRequest API or projected volumes).",
    references: [
      "https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/#legacy-serviceaccount-token-cleaner",
      "CIS 5.1.6",
    ],
  },
  detect(secret, rbac) {
    if (!isLegacyToken(secret)) return [];
    const ns = effectiveNamespace(secret.metadata.namespace);
    const saName = secret.metadata.annotations[SA_NAME_ANNOTATION];
    const sa = saName ? { kind: "ServiceAccount" as const, namespace: ns, name: saName } : undefined;
    const power = sa ? powerOf(rbac, sa, ns) : undefined;
    const related = sa ? [{ apiVersion: "v1", kind: "ServiceAccount", namespace: ns, name: sa.name }] : undefined;
    return [
      makeFinding({
        meta: legacyToken.meta,
        resource: refOf(secret),
        message: `non-expiring token for ${sa ? subjectLabel(sa) : "an unnamed service account"}${power ? `, which can ${power.reasons.join(", ")}` : ""}`,
        severity: power?.level === "critical" ? "critical" : power ? "high" : "medium",
        fix: { target: refOf(secret), type: "none" },
        ...(related ? { related } : {}),
      }),
    ];
  },
  fix(finding) {
    const t = finding.resource;
    return {
      kind: "command",
      command: t.namespace
        ? sh`kubectl delete secret ${t.name} -n ${t.namespace}`
        : sh`kubectl delete secret ${t.name}`,
      explain: "secret.legacy-token: delete the long-lived token; request short-lived tokens instead",
      mayBreak: "any client still using this token (CI systems, dashboards, kubeconfigs) loses access",
    };
  },
};

// Which admission controls guard a namespace: Pod Security admission (the enforce
// label), ValidatingAdmissionPolicyBindings that deny and select it, Kyverno
// policies in Enforce mode — as far as kubeward can see them. Kinds kubeward does
// not read (or cannot list) are named as unseen, never taken as absent.
import type { KObject } from "../../cluster/objects.js";
import type { Store } from "../../store/store.js";
import { isEmpty, matches, parseSelector } from "../network/selectors.js";

export const ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";

export interface NamespaceGuards {
  /** One line per guard, e.g. "Pod Security enforce=baseline". */
  guards: string[];
  /** Policy kinds kubeward could not read, so guards of those kinds may exist. */
  unseen: string[];
}

/** Policy kinds that can guard a namespace, and whether the store has them listed. */
const POLICY_KINDS = [
  { kind: "ValidatingAdmissionPolicyBinding", what: "ValidatingAdmissionPolicy bindings" },
  { kind: "ClusterPolicy", what: "Kyverno ClusterPolicies" },
  { kind: "Policy", what: "Kyverno Policies" },
];

const enforcing = (spec: Record<string, unknown> | undefined): boolean => {
  const action = spec?.validationFailureAction ?? spec?.failureAction;
  return typeof action === "string" && action.toLowerCase() === "enforce";
};

function vapSelects(binding: KObject, labels: Record<string, string>): boolean {
  const actions: unknown[] = Array.isArray(binding.spec?.validationActions) ? binding.spec.validationActions : [];
  if (!actions.includes("Deny")) return false;
  const raw = binding.spec?.matchResources?.namespaceSelector;
  if (raw === undefined || raw === null) return true;
  const sel = parseSelector(raw);
  return isEmpty(sel) || matches(sel, labels);
}

export function namespaceGuards(store: Store, ns: string): NamespaceGuards {
  const guards: string[] = [];
  const nsObj = store.getByName("Namespace", undefined, ns);
  const labels = nsObj?.metadata.labels ?? {};
  const level = labels[ENFORCE_LABEL];
  if (level && level !== "privileged") guards.push(`Pod Security admission enforce=${level}`);
  for (const b of store.list("ValidatingAdmissionPolicyBinding"))
    if (vapSelects(b, labels))
      guards.push(`ValidatingAdmissionPolicyBinding ${b.metadata.name} → ${String(b.spec?.policyName ?? "?")} (Deny)`);
  for (const p of store.list("ClusterPolicy"))
    if (p.apiVersion.startsWith("kyverno.io/") && enforcing(p.spec))
      guards.push(`Kyverno ClusterPolicy ${p.metadata.name} (Enforce)`);
  for (const p of store.inNamespace("Policy", ns))
    if (p.apiVersion.startsWith("kyverno.io/") && enforcing(p.spec))
      guards.push(`Kyverno Policy ${ns}/${p.metadata.name} (Enforce)`);
  const unseen = POLICY_KINDS.filter((k) => !store.kindStatus(k.kind)?.synced).map((k) => k.what);
  unseen.push("Gatekeeper constraints");
  return { guards, unseen };
}

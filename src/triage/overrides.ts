// The override labels and annotations teams already carry from kubeaudit and Polaris,
// mapped to the kubeward checks that report the same thing (docs/overrides.md is the
// table for people; this is the one for the code — a test keeps them in step).
//
// kubeaudit (pkg/override): labels on the resource; the value is the reason.
//   container.audit.kubernetes.io/<container>.<override>   one container
//   audit.kubernetes.io/pod.<override>                      the whole pod / template
//   audit.kubernetes.io/namespace.<override>                on a Namespace: its namespace-level audits
//   (kubeaudit ≥ 0.12 also reads container.kubeaudit.io/<container>.<override> and kubeaudit.io/<override>)
// Polaris (docs/customization/exemptions.md): annotations on the controller, value "true".
//   polaris.fairwinds.com/exempt                            every check
//   polaris.fairwinds.com/<check>-exempt                    one check

export interface KubeauditOverride {
  /** kubeaudit's override identifier, or a prefix of a family of them (capabilities, host paths). */
  override: string;
  /** Prefix family: the rest of the identifier names one capability or volume. */
  prefix?: true;
  checks: readonly string[];
}

export const KUBEAUDIT_OVERRIDES: readonly KubeauditOverride[] = [
  { override: "allow-privileged", checks: ["pod.privileged"] },
  { override: "allow-privilege-escalation", checks: ["pod.privilege-escalation"] },
  { override: "allow-run-as-root", checks: ["pod.run-as-non-root", "pod.run-as-user"] },
  { override: "allow-capability-", prefix: true, checks: ["pod.capabilities", "pod.capabilities-restricted"] },
  { override: "allow-namespace-host-network", checks: ["pod.host-namespaces"] },
  { override: "allow-namespace-host-IPC", checks: ["pod.host-namespaces"] },
  { override: "allow-namespace-host-PID", checks: ["pod.host-namespaces"] },
  { override: "allow-host-path-mount-", prefix: true, checks: ["pod.host-path"] },
  { override: "allow-automount-service-account-token", checks: ["secret.token-automount"] },
  {
    override: "allow-non-default-deny-ingress-network-policy",
    checks: ["net.namespace-unsegmented", "net.namespace-partial"],
  },
  {
    override: "allow-non-default-deny-egress-network-policy",
    checks: ["net.namespace-unsegmented", "net.namespace-partial"],
  },
];

export const KUBEAUDIT_CONTAINER_PREFIXES = ["container.audit.kubernetes.io/", "container.kubeaudit.io/"] as const;
export const KUBEAUDIT_POD_PREFIXES = ["audit.kubernetes.io/pod.", "kubeaudit.io/"] as const;
export const KUBEAUDIT_NAMESPACE_PREFIX = "audit.kubernetes.io/namespace.";

export interface PolarisExemption {
  /** Polaris check id, as in `polaris.fairwinds.com/<check>-exempt`. */
  check: string;
  checks: readonly string[];
}

export const POLARIS_EXEMPTIONS: readonly PolarisExemption[] = [
  { check: "runAsPrivileged", checks: ["pod.privileged"] },
  { check: "privilegeEscalationAllowed", checks: ["pod.privilege-escalation"] },
  { check: "runAsRootAllowed", checks: ["pod.run-as-non-root", "pod.run-as-user"] },
  { check: "dangerousCapabilities", checks: ["pod.capabilities"] },
  { check: "insecureCapabilities", checks: ["pod.capabilities", "pod.capabilities-restricted"] },
  { check: "hostNetworkSet", checks: ["pod.host-namespaces"] },
  { check: "hostPIDSet", checks: ["pod.host-namespaces"] },
  { check: "hostIPCSet", checks: ["pod.host-namespaces"] },
  { check: "hostPortSet", checks: ["pod.host-ports"] },
  { check: "tagNotSpecified", checks: ["image.mutable-tag"] },
  { check: "pullPolicyNotAlways", checks: ["image.pull-policy"] },
  { check: "cpuLimitsMissing", checks: ["pod.resources-missing"] },
  { check: "memoryLimitsMissing", checks: ["pod.resources-missing"] },
  { check: "automountServiceAccountToken", checks: ["secret.token-automount"] },
  { check: "sensitiveContainerEnvVar", checks: ["secret.plaintext-env"] },
  { check: "sensitiveConfigmapContent", checks: ["secret.plaintext-configmap"] },
  { check: "missingNetworkPolicy", checks: ["net.namespace-unsegmented"] },
];

export const POLARIS_EXEMPT_ALL = "polaris.fairwinds.com/exempt";
export const POLARIS_PREFIX = "polaris.fairwinds.com/";

/** Our annotation: accept.kubeward.io/<check-id>: "<reason>[; expires=YYYY-MM-DD][; by=NAME]". */
export const ACCEPT_PREFIX = "accept.kubeward.io/";

/** kubeward check → the kubeaudit overrides and Polaris checks that stand for it. */
export function peersOf(check: string): { kubeaudit: KubeauditOverride[]; polaris: string[] } {
  return {
    kubeaudit: KUBEAUDIT_OVERRIDES.filter((o) => o.checks.includes(check)),
    polaris: POLARIS_EXEMPTIONS.filter((p) => p.checks.includes(check)).map((p) => p.check),
  };
}

/** Whether a label/annotation key can change what triage accepts (the live source watches for these). */
export function isTriageKey(key: string): boolean {
  // Every object of every event passes here: a two-character gate first ("app…", "helm…" fail it).
  const c0 = key.charCodeAt(0);
  const c1 = key.charCodeAt(1);
  if (
    !(
      (c0 === 97 && (c1 === 99 || c1 === 117)) || // ac(cept.) au(dit.)
      (c0 === 112 && c1 === 111) || // po(laris.)
      (c0 === 99 && c1 === 111) || // co(ntainer.)
      (c0 === 107 && c1 === 117) // ku(beaudit.io)
    )
  )
    return false;
  return (
    key.startsWith(ACCEPT_PREFIX) ||
    key.startsWith(POLARIS_PREFIX) ||
    key.startsWith("audit.kubernetes.io/") ||
    key.startsWith("container.audit.kubernetes.io/") ||
    key.startsWith("kubeaudit.io/") ||
    key.startsWith("container.kubeaudit.io/")
  );
}

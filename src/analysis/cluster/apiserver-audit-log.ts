// cluster.apiserver-audit-log: no audit log, or one kept too briefly
// (CIS 1.2.16–1.2.19).
import { type FlagItem, flagCheck } from "./control-plane.js";
import { lastValue } from "./flags.js";

const retention = (cis: string, flag: string, min: number, what: string): FlagItem => ({
  cis,
  cisText: `Ensure that the --${flag} argument is set to ${min} or as appropriate`,
  component: "kube-apiserver",
  flag,
  want: `--${flag}=${min}`,
  evaluate(flags, value) {
    // Without a log file there is nothing to retain: 1.2.16 says so.
    if (!lastValue(flags, "audit-log-path")) return undefined;
    const n = value ? Number(value.value) : Number.NaN;
    if (Number.isFinite(n) && n >= min) return undefined;
    return {
      severity: "low",
      current: value ? value.value : "not set",
      message: `--${flag} is ${value ? value.value : "not set"}: ${what} (at least ${min})`,
    };
  },
});

export const apiserverAuditLog = flagCheck(
  {
    id: "cluster.apiserver-audit-log",
    title: "API server audit log missing or short-lived",
    severity: "medium",
    panel: "cluster",
    description:
      "Without --audit-log-path the API server writes no audit log to disk: after an incident nobody can say who read or changed what. With one, the retention flags decide how long the evidence survives.",
    remediation:
      "Set --audit-log-path (with an --audit-policy-file), --audit-log-maxage=30, --audit-log-maxbackup=10 and --audit-log-maxsize=100, or ship audit events through a webhook backend.",
    references: [
      "CIS Kubernetes Benchmark 1.2.16: Ensure that the --audit-log-path argument is set",
      "CIS Kubernetes Benchmark 1.2.17: Ensure that the --audit-log-maxage argument is set to 30 or as appropriate",
      "CIS Kubernetes Benchmark 1.2.18: Ensure that the --audit-log-maxbackup argument is set to 10 or as appropriate",
      "CIS Kubernetes Benchmark 1.2.19: Ensure that the --audit-log-maxsize argument is set to 100 or as appropriate",
      "Kubernetes docs: Auditing",
    ],
  },
  [
    {
      cis: "1.2.16",
      cisText: "Ensure that the --audit-log-path argument is set",
      component: "kube-apiserver",
      flag: "audit-log-path",
      want: "--audit-log-path=/var/log/kubernetes/audit/audit.log",
      evaluate(flags, value) {
        if (value?.value) return undefined;
        const webhook = lastValue(flags, "audit-webhook-config-file");
        return {
          ...(webhook ? { severity: "low" as const } : {}),
          current: "not set",
          message: webhook
            ? "--audit-log-path is not set (audit events go only to the webhook backend)"
            : "--audit-log-path is not set: no audit log is written",
        };
      },
    },
    retention("1.2.17", "audit-log-maxage", 30, "days old audit files are kept"),
    retention("1.2.18", "audit-log-maxbackup", 10, "rotated audit files kept"),
    retention("1.2.19", "audit-log-maxsize", 100, "megabytes before the audit file rotates"),
  ],
);

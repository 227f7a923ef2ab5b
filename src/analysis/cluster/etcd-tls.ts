// cluster.etcd-tls: etcd without client or peer TLS, or without certificate
// authentication (CIS 2.1–2.6). etcd reads each flag also from ETCD_<FLAG>.
import { type FlagItem, flagCheck, shown } from "./control-plane.js";
import { lastValue, type ParsedFlags, parseBool } from "./flags.js";

const CONFIG = ["config-file"];

const bothSet = (
  cis: string,
  cisText: string,
  cert: string,
  key: string,
  severity: "high" | "medium",
  what: string,
): FlagItem => ({
  cis,
  cisText,
  component: "etcd",
  flag: cert,
  want: `--${cert}=/etc/kubernetes/pki/etcd/${cert.startsWith("peer") ? "peer" : "server"}.crt`,
  configFlags: CONFIG,
  evaluate(flags: ParsedFlags, value) {
    const k =
      lastValue(flags, key) ?? (flags.env.has(`ETCD_${key.toUpperCase().replace(/-/g, "_")}`) ? true : undefined);
    if (value?.value && k) return undefined;
    const missing = [!value?.value && `--${cert}`, !k && `--${key}`].filter(Boolean).join(" and ");
    return { severity, current: `${missing} not set`, message: `${missing} not set: ${what}` };
  },
});

const mustBe = (
  cis: string,
  flag: string,
  want: boolean,
  fallback: boolean,
  severity: "high" | "medium",
  what: string,
): FlagItem => ({
  cis,
  cisText: want
    ? `Ensure that the --${flag} argument is set to true`
    : `Ensure that the --${flag} argument is not set to true`,
  component: "etcd",
  flag,
  want: `--${flag}=${want}`,
  configFlags: CONFIG,
  evaluate(_flags, value) {
    const effective = value ? parseBool(value.value) : fallback;
    if (effective === want) return undefined;
    return {
      severity,
      current: shown(value, String(fallback)),
      message: `--${flag} is ${shown(value, String(fallback))}: ${what}`,
    };
  },
});

export const etcdTls = flagCheck(
  {
    id: "cluster.etcd-tls",
    title: "etcd without TLS or client certificate authentication",
    severity: "high",
    panel: "cluster",
    description:
      "etcd holds every object of the cluster, Secrets included. Without server TLS and client certificate authentication anyone who reaches its port reads and writes the whole cluster state; without peer TLS the members replicate it in clear; auto-generated (self-signed) certificates authenticate nobody.",
    remediation:
      "Give etcd certificates from a dedicated CA: --cert-file/--key-file with --client-cert-auth=true, --peer-cert-file/--peer-key-file with --peer-client-cert-auth=true, and neither --auto-tls nor --peer-auto-tls.",
    references: [
      "CIS Kubernetes Benchmark 2.1: Ensure that the --cert-file and --key-file arguments are set as appropriate",
      "CIS Kubernetes Benchmark 2.2: Ensure that the --client-cert-auth argument is set to true",
      "CIS Kubernetes Benchmark 2.3: Ensure that the --auto-tls argument is not set to true",
      "CIS Kubernetes Benchmark 2.4: Ensure that the --peer-cert-file and --peer-key-file arguments are set as appropriate",
      "CIS Kubernetes Benchmark 2.5: Ensure that the --peer-client-cert-auth argument is set to true",
      "CIS Kubernetes Benchmark 2.6: Ensure that the --peer-auto-tls argument is not set to true",
      "etcd docs: Transport security model",
    ],
  },
  [
    bothSet(
      "2.1",
      "Ensure that the --cert-file and --key-file arguments are set as appropriate",
      "cert-file",
      "key-file",
      "high",
      "etcd serves clients without TLS",
    ),
    mustBe(
      "2.2",
      "client-cert-auth",
      true,
      false,
      "high",
      "any client that reaches etcd is served without a certificate",
    ),
    mustBe("2.3", "auto-tls", false, false, "medium", "clients are served with a self-signed certificate"),
    bothSet(
      "2.4",
      "Ensure that the --peer-cert-file and --peer-key-file arguments are set as appropriate",
      "peer-cert-file",
      "peer-key-file",
      "medium",
      "etcd members replicate the cluster state without TLS",
    ),
    mustBe(
      "2.5",
      "peer-client-cert-auth",
      true,
      false,
      "medium",
      "any peer that reaches etcd can join without a certificate",
    ),
    mustBe("2.6", "peer-auto-tls", false, false, "medium", "peers use self-signed certificates"),
  ],
);

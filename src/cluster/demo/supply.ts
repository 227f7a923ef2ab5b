// The demo's image supply chain: trivy-operator reports (as trivy-operator writes
// them: on the ReplicaSet or the pod, labelled with the scanned workload and
// container) and one Kyverno policy that verifies signatures of the in-house
// registry only, so image.vulnerable, image.exposed-secret, image.scan-missing,
// image.unverified and the reachable-privileged-vulnerable path all show.
import { meta } from "./build.js";

type Json = Record<string, unknown>;
type Sev = "CRITICAL" | "HIGH" | "MEDIUM" | "LOW";
type Vuln = [id: string, pkg: string, installed: string, fixed: string, severity: Sev, score: number, title: string];

const API = "aquasecurity.github.io/v1alpha1";

function labels(kind: string, namespace: string, name: string, container: string): Record<string, string> {
  return {
    "trivy-operator.resource.kind": kind,
    "trivy-operator.resource.name": name,
    "trivy-operator.resource.namespace": namespace,
    "trivy-operator.container.name": container,
  };
}

function count(vulns: readonly { severity: string }[], s: string): number {
  return vulns.filter((v) => v.severity === s).length;
}

function vulnerabilityReport(
  kind: string,
  namespace: string,
  name: string,
  container: string,
  image: { repository: string; tag: string; server?: string; digest?: string },
  rows: readonly Vuln[],
): Json {
  const vulnerabilities = rows.map(([id, pkg, installed, fixed, severity, score, title]) => ({
    vulnerabilityID: id,
    resource: pkg,
    installedVersion: installed,
    fixedVersion: fixed,
    severity,
    score,
    title,
    primaryLink: `https://avd.aquasec.com/nvd/${id.toLowerCase()}`,
    publishedDate: "2026-06-01T00:00:00Z",
    lastModifiedDate: "2026-10-01T00:00:00Z",
  }));
  return {
    apiVersion: API,
    kind: "VulnerabilityReport",
    metadata: meta("VulnerabilityReport", namespace, `${kind.toLowerCase()}-${name}-${container}`, {
      labels: labels(kind, namespace, name, container),
    }),
    report: {
      updateTimestamp: "2026-11-30T06:00:00Z",
      scanner: { name: "Trivy", vendor: "Aqua Security", version: "0.58.1" },
      os: { family: "debian", name: "12.8" },
      registry: { server: image.server ?? "index.docker.io" },
      artifact: { repository: image.repository, tag: image.tag, ...(image.digest ? { digest: image.digest } : {}) },
      summary: {
        criticalCount: count(vulnerabilities, "CRITICAL"),
        highCount: count(vulnerabilities, "HIGH"),
        mediumCount: count(vulnerabilities, "MEDIUM"),
        lowCount: count(vulnerabilities, "LOW"),
        unknownCount: 0,
        noneCount: 0,
      },
      vulnerabilities,
    },
  };
}

// Illustrative ids in a reserved-looking range: the demo does not claim real CVEs for real images.
const NGINX: Vuln[] = [
  [
    "CVE-2026-10001",
    "libssl3",
    "3.0.11-1~deb12u2",
    "3.0.15-1~deb12u1",
    "CRITICAL",
    9.8,
    "openssl: buffer overread in X.509 name checks",
  ],
  ["CVE-2026-10002", "zlib1g", "1:1.2.13.dfsg-1", "", "CRITICAL", 9.1, "zlib: heap overflow in inflateGetHeader"],
  ["CVE-2026-10003", "libcurl4", "7.88.1-10+deb12u4", "7.88.1-10+deb12u8", "HIGH", 7.5, "curl: cookie injection"],
  [
    "CVE-2026-10004",
    "libxml2",
    "2.9.14+dfsg-1.3",
    "",
    "MEDIUM",
    5.3,
    "libxml2: use-after-free in xmlValidatePopElement",
  ],
  ["CVE-2026-10005", "nginx", "1.27.2", "1.27.3", "MEDIUM", 6.1, "nginx: worker crash on crafted HTTP/3 request"],
];
const DIND: Vuln[] = [
  [
    "CVE-2026-10101",
    "runc",
    "1.1.12",
    "1.1.14",
    "CRITICAL",
    9.3,
    "runc: container escape through leaked file descriptor",
  ],
  ["CVE-2026-10102", "containerd", "1.7.18", "1.7.22", "HIGH", 7.8, "containerd: host path traversal"],
  ["CVE-2026-10103", "busybox", "1.36.1-r29", "", "LOW", 3.3, "busybox: out-of-bounds read in awk"],
];
const POSTGRES: Vuln[] = [
  [
    "CVE-2026-10201",
    "postgresql-15",
    "15.8-1.pgdg120+1",
    "15.10-1.pgdg120+1",
    "HIGH",
    8.8,
    "postgresql: SQL injection in quoting",
  ],
  ["CVE-2026-10202", "libgnutls30", "3.7.9-2+deb12u3", "", "MEDIUM", 5.9, "gnutls: timing side channel"],
];

export function supplyDemo(): Json[] {
  return [
    vulnerabilityReport(
      "ReplicaSet",
      "shop",
      "web-7d9f6c4b8",
      "app",
      { repository: "library/nginx", tag: "latest" },
      NGINX,
    ),
    vulnerabilityReport(
      "StatefulSet",
      "shop",
      "db",
      "postgres",
      { repository: "library/postgres", tag: "15" },
      POSTGRES,
    ),
    vulnerabilityReport(
      "Pod",
      "ci",
      "build-runner-5k2x9",
      "runner",
      { repository: "library/docker", tag: "27-dind" },
      DIND,
    ),
    {
      apiVersion: API,
      kind: "ExposedSecretReport",
      metadata: meta("ExposedSecretReport", "shop", "cronjob-nightly-report-report", {
        labels: labels("CronJob", "shop", "nightly-report", "report"),
      }),
      report: {
        updateTimestamp: "2026-11-30T06:00:00Z",
        scanner: { name: "Trivy", vendor: "Aqua Security", version: "0.58.1" },
        registry: { server: "ghcr.io" },
        artifact: { repository: "example/reporter", tag: "latest" },
        summary: { criticalCount: 1, highCount: 1, mediumCount: 0, lowCount: 0 },
        secrets: [
          {
            ruleID: "aws-access-key-id",
            category: "AWS",
            severity: "CRITICAL",
            title: "AWS Access Key ID",
            target: "/app/config/.env",
            match: "AWS_ACCESS_KEY_ID=****************",
          },
          {
            ruleID: "private-key",
            category: "AsymmetricPrivateKey",
            severity: "HIGH",
            title: "Asymmetric Private Key",
            target: "/app/certs/client.key",
            match: "-----BEGIN RSA PRIVATE KEY-----*****",
          },
        ],
      },
    },
    {
      apiVersion: "kyverno.io/v1",
      kind: "ClusterPolicy",
      metadata: meta("ClusterPolicy", undefined, "verify-inhouse-images"),
      spec: {
        background: false,
        rules: [
          {
            name: "verify-registry-example-com",
            match: { any: [{ resources: { kinds: ["Pod"] } }] },
            exclude: { any: [{ resources: { kinds: ["Pod"], namespaces: ["billing"] } }] },
            verifyImages: [
              {
                imageReferences: ["registry.example.com/*"],
                skipImageReferences: ["registry.example.com/tools/*"],
                failureAction: "Enforce",
                attestors: [
                  {
                    entries: [
                      {
                        keyless: {
                          subject: "https://github.com/example/*",
                          issuer: "https://token.actions.githubusercontent.com",
                        },
                      },
                    ],
                  },
                ],
              },
              {
                imageReferences: ["ghcr.io/example/*"],
                failureAction: "Audit",
                attestors: [
                  {
                    entries: [
                      {
                        keyless: {
                          subject: "https://github.com/example/*",
                          issuer: "https://token.actions.githubusercontent.com",
                        },
                      },
                    ],
                  },
                ],
              },
            ],
          },
        ],
      },
    },
  ];
}

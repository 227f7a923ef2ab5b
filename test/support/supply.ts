// Raw supply-chain objects and scanner files shaped like the real thing: trivy-operator
// reports (aquasecurity.github.io/v1alpha1), Kyverno and sigstore policies, and
// `trivy image --format json` / `grype -o json` documents.
type Json = Record<string, unknown>;

export const DIGEST_A = `sha256:${"a".repeat(64)}`;
export const DIGEST_B = `sha256:${"b".repeat(64)}`;

export interface V {
  id: string;
  pkg: string;
  installed: string;
  fixed?: string;
  severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "UNKNOWN";
  score?: number;
}

export const VULNS: V[] = [
  { id: "CVE-2024-0001", pkg: "openssl", installed: "3.0.11", fixed: "3.0.13", severity: "CRITICAL", score: 9.8 },
  { id: "CVE-2024-0002", pkg: "zlib", installed: "1.2.13", severity: "CRITICAL", score: 9.1 },
  { id: "CVE-2024-0003", pkg: "curl", installed: "8.4.0", fixed: "8.5.0", severity: "HIGH", score: 7.5 },
  { id: "CVE-2024-0004", pkg: "libxml2", installed: "2.11", severity: "MEDIUM" },
];

export function summary(vulns: readonly V[]): Json {
  const count = (s: string) => vulns.filter((v) => v.severity === s).length;
  return {
    criticalCount: count("CRITICAL"),
    highCount: count("HIGH"),
    mediumCount: count("MEDIUM"),
    lowCount: count("LOW"),
    unknownCount: count("UNKNOWN"),
  };
}

/** What a trivy-operator report is about: the workload `kind/name`, its container, and the image it scanned. */
export interface ReportSubject {
  namespace: string;
  kind: string;
  name: string;
  container: string;
  repository: string;
  tag?: string;
}

/** The report most supply tests join: shop's ReplicaSet web-7d9f8 (of `webChain()`), container app, nginx:1.25.3. */
export const WEB_SUBJECT: ReportSubject = {
  namespace: "shop",
  kind: "ReplicaSet",
  name: "web-7d9f8",
  container: "app",
  repository: "library/nginx",
  tag: "1.25.3",
};

/** A trivy-operator report of `kind`: the name and labels it gives its subject, then `report` after its scanner. */
function trivyOperatorReport(kind: string, uidPrefix: string, subject: ReportSubject, report: Json): Json {
  return {
    apiVersion: "aquasecurity.github.io/v1alpha1",
    kind,
    metadata: {
      name: `${subject.kind.toLowerCase()}-${subject.name}-${subject.container}`,
      namespace: subject.namespace,
      uid: `uid-${uidPrefix}-${subject.namespace}-${subject.name}-${subject.container}`,
      labels: {
        "trivy-operator.resource.kind": subject.kind,
        "trivy-operator.resource.name": subject.name,
        "trivy-operator.resource.namespace": subject.namespace,
        "trivy-operator.container.name": subject.container,
      },
    },
    report: {
      updateTimestamp: "2026-11-30T10:00:00Z",
      scanner: { name: "Trivy", vendor: "Aqua Security", version: "0.58.0" },
      ...report,
    },
  };
}

/** A trivy-operator VulnerabilityReport for `kind/name` container `container`. */
export function vulnerabilityReport(
  opts: ReportSubject & { digest?: string; server?: string; vulns?: readonly V[] },
): Json {
  const vulns = opts.vulns ?? VULNS;
  return trivyOperatorReport("VulnerabilityReport", "vr", opts, {
    os: { family: "debian", name: "12.8" },
    registry: { server: opts.server ?? "index.docker.io" },
    artifact: {
      repository: opts.repository,
      ...(opts.tag ? { tag: opts.tag } : {}),
      ...(opts.digest ? { digest: opts.digest } : {}),
    },
    summary: { ...summary(vulns), noneCount: 0 },
    vulnerabilities: vulns.map((v) => ({
      vulnerabilityID: v.id,
      resource: v.pkg,
      installedVersion: v.installed,
      fixedVersion: v.fixed ?? "",
      severity: v.severity,
      ...(v.score !== undefined ? { score: v.score } : {}),
      title: `${v.pkg}: a flaw`,
      primaryLink: `https://avd.aquasec.com/nvd/${v.id.toLowerCase()}`,
      publishedDate: "2024-01-01T00:00:00Z",
      lastModifiedDate: "2024-02-01T00:00:00Z",
      description: "long text kubeward does not keep",
      links: ["https://example.invalid/a"],
    })),
  });
}

/** The VulnerabilityReport of `WEB_SUBJECT`, with `VULNS` unless told other vulnerabilities. */
export function webVulnerabilityReport(vulns?: readonly V[]): Json {
  return vulnerabilityReport({ ...WEB_SUBJECT, ...(vulns ? { vulns } : {}) });
}

/** A trivy-operator ExposedSecretReport: one AWS access key in /app/.env. */
export function exposedSecretReport(opts: ReportSubject): Json {
  return trivyOperatorReport("ExposedSecretReport", "esr", opts, {
    registry: { server: "index.docker.io" },
    artifact: { repository: opts.repository, ...(opts.tag ? { tag: opts.tag } : {}) },
    summary: { criticalCount: 1, highCount: 0, mediumCount: 0, lowCount: 0 },
    secrets: [
      {
        ruleID: "aws-access-key-id",
        category: "AWS",
        severity: "CRITICAL",
        target: "/app/.env",
        title: "AWS Access Key ID",
        match: "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
      },
    ],
  });
}

export function kyvernoClusterPolicy(opts: {
  name?: string;
  imageReferences: string[];
  skip?: string[];
  failureAction?: string;
  validationFailureAction?: string;
  match?: Json;
  exclude?: Json;
}): Json {
  return {
    apiVersion: "kyverno.io/v1",
    kind: "ClusterPolicy",
    metadata: { name: opts.name ?? "verify-images", uid: `uid-cpol-${opts.name ?? "verify-images"}` },
    spec: {
      ...(opts.validationFailureAction ? { validationFailureAction: opts.validationFailureAction } : {}),
      background: false,
      rules: [
        {
          name: "verify-signature",
          match: opts.match ?? { any: [{ resources: { kinds: ["Pod"] } }] },
          ...(opts.exclude ? { exclude: opts.exclude } : {}),
          verifyImages: [
            {
              imageReferences: opts.imageReferences,
              ...(opts.skip ? { skipImageReferences: opts.skip } : {}),
              ...(opts.failureAction ? { failureAction: opts.failureAction } : {}),
              attestors: [
                { entries: [{ keys: { publicKeys: "-----BEGIN PUBLIC KEY-----\nX\n-----END PUBLIC KEY-----" } }] },
              ],
            },
          ],
        },
      ],
    },
  };
}

/** `trivy image --format json` output for `image`. */
export function trivyJson(image: string, vulns: readonly V[] = VULNS, repoDigest?: string): Json {
  return {
    SchemaVersion: 2,
    CreatedAt: "2026-11-30T10:00:00Z",
    ArtifactName: image,
    ArtifactType: "container_image",
    Metadata: {
      OS: { Family: "debian", Name: "12.8" },
      ImageID: `sha256:${"c".repeat(64)}`,
      RepoTags: [image],
      RepoDigests: repoDigest ? [`${image.split(":")[0]}@${repoDigest}`] : [],
    },
    Results: [
      {
        Target: `${image} (debian 12.8)`,
        Class: "os-pkgs",
        Type: "debian",
        Vulnerabilities: vulns.map((v) => ({
          VulnerabilityID: v.id,
          PkgName: v.pkg,
          InstalledVersion: v.installed,
          ...(v.fixed ? { FixedVersion: v.fixed } : {}),
          Status: v.fixed ? "fixed" : "affected",
          Severity: v.severity,
          Title: `${v.pkg}: a flaw`,
          PrimaryURL: `https://avd.aquasec.com/nvd/${v.id.toLowerCase()}`,
          ...(v.score !== undefined ? { CVSS: { nvd: { V3Score: v.score } } } : {}),
        })),
      },
    ],
  };
}

/** `grype -o json` output for `image`. */
export function grypeJson(image: string, vulns: readonly V[] = VULNS, repoDigest?: string): Json {
  return {
    matches: vulns.map((v) => ({
      vulnerability: {
        id: v.id,
        dataSource: `https://nvd.nist.gov/vuln/detail/${v.id}`,
        namespace: "debian:distro:debian:12",
        severity: v.severity[0] + v.severity.slice(1).toLowerCase(),
        urls: [],
        cvss: v.score !== undefined ? [{ version: "3.1", metrics: { baseScore: v.score } }] : [],
        fix: v.fixed ? { versions: [v.fixed], state: "fixed" } : { versions: [], state: "not-fixed" },
      },
      relatedVulnerabilities: [],
      matchDetails: [],
      artifact: { name: v.pkg, version: v.installed, type: "deb" },
    })),
    source: {
      type: "image",
      target: {
        userInput: image,
        imageID: `sha256:${"c".repeat(64)}`,
        manifestDigest: repoDigest ?? `sha256:${"d".repeat(64)}`,
        tags: [image],
        repoDigests: repoDigest ? [`${image.split(":")[0]}@${repoDigest}`] : [],
      },
    },
    descriptor: { name: "grype", version: "0.86.1" },
  };
}

/** A Deployment → ReplicaSet → Pod chain running `image` (the pod reports `runningDigest`). */
export function deploymentChain(namespace: string, name: string, image: string, runningDigest?: string): Json[] {
  const rs = `${name}-7d9f8`;
  return [
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name, namespace, uid: `uid-d-${name}` },
      spec: { template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "app", image }] } } },
    },
    {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: rs,
        namespace,
        uid: `uid-rs-${name}`,
        ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name, uid: `uid-d-${name}`, controller: true }],
      },
      spec: { template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "app", image }] } } },
    },
    {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: `${rs}-x1`,
        namespace,
        uid: `uid-p-${name}`,
        labels: { app: name },
        ownerReferences: [
          { apiVersion: "apps/v1", kind: "ReplicaSet", name: rs, uid: `uid-rs-${name}`, controller: true },
        ],
      },
      spec: { containers: [{ name: "app", image }] },
      status: {
        phase: "Running",
        ...(runningDigest
          ? {
              containerStatuses: [{ name: "app", image, imageID: `docker.io/library/x@${runningDigest}`, ready: true }],
            }
          : {}),
      },
    },
  ];
}

/** The chain `WEB_SUBJECT` names: Deployment shop/web running nginx:1.25.3 (fresh objects each call). */
export function webChain(runningDigest?: string): Json[] {
  return deploymentChain("shop", "web", "nginx:1.25.3", runningDigest);
}

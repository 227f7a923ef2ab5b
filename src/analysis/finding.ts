import type { ResourceRef } from "../cluster/objects.js";
import { stableHash } from "../util/hash.js";
import { sharedString } from "../util/shared-string.js";

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const PANELS = ["pods", "rbac", "network", "secrets", "images"] as const;
export type Panel = (typeof PANELS)[number];

export const PANEL_TITLES: Record<Panel, string> = {
  pods: "Privileged pods",
  rbac: "Permissive RBAC",
  network: "Unsegmented namespaces",
  secrets: "Secret exposure",
  images: "Image hygiene",
};

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** Metadata of one check; the catalog of these generates docs/checks.md and SARIF rules. */
export interface CheckMeta {
  id: string;
  title: string;
  severity: Severity;
  panel: Panel;
  /** What the check looks for and why it matters, one or two sentences. */
  description: string;
  /** What to do about it. */
  remediation: string;
  /** PSS control, CIS item, Kubernetes docs: human-readable references. */
  references: readonly string[];
}

export type FixType = "strategic" | "manifest" | "none";

export interface FixRef {
  target: ResourceRef;
  type: FixType;
}

export interface Finding {
  id: string;
  check: string;
  panel: Panel;
  severity: Severity;
  title: string;
  message: string;
  resource: ResourceRef;
  container?: string;
  /** Field path of the evidence, e.g. spec.containers[0].securityContext.privileged */
  path?: string;
  fix?: FixRef;
  /** Other objects this finding is about (service account, policies, pods). */
  related?: ResourceRef[];
  /** For correlated findings: the ids of the findings it combines. */
  chain?: string[];
}

export interface FindingInput {
  meta: CheckMeta;
  resource: ResourceRef;
  message: string;
  container?: string;
  path?: string;
  severity?: Severity;
  title?: string;
  fix?: FixRef;
  related?: ResourceRef[];
  chain?: string[];
  /** Extra identity when one check may fire twice on the same resource+path. */
  discriminator?: string;
}

/** Builds a finding with a stable id from its check, resource, container and path. */
export function makeFinding(input: FindingInput): Finding {
  const r = input.resource;
  const f: Finding = {
    id: stableHash(
      input.meta.id,
      r.apiVersion,
      r.kind,
      r.namespace,
      r.name,
      input.container,
      input.path,
      input.discriminator,
    ),
    check: input.meta.id,
    panel: input.meta.panel,
    severity: input.severity ?? input.meta.severity,
    title: input.title === undefined ? input.meta.title : sharedString(input.title),
    // Messages and paths repeat across workloads ("container "app" runs privileged…"): one copy each.
    message: sharedString(input.message),
    resource: r,
  };
  if (input.container !== undefined) f.container = sharedString(input.container);
  if (input.path !== undefined) f.path = sharedString(input.path);
  if (input.fix) f.fix = input.fix;
  if (input.related?.length) f.related = input.related;
  if (input.chain?.length) f.chain = input.chain;
  return f;
}

/** Severity first, then panel, then resource: the order lists and reports use. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    PANELS.indexOf(a.panel) - PANELS.indexOf(b.panel) ||
    a.check.localeCompare(b.check) ||
    (a.resource.namespace ?? "").localeCompare(b.resource.namespace ?? "") ||
    a.resource.name.localeCompare(b.resource.name) ||
    a.id.localeCompare(b.id)
  );
}

import type { ResourceRef } from "../cluster/objects.js";
import { stableHash } from "../util/hash.js";
import { sharedString } from "../util/shared-string.js";

export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const PANELS = ["pods", "rbac", "network", "secrets", "images", "cluster"] as const;
export type Panel = (typeof PANELS)[number];

export const PANEL_TITLES: Record<Panel, string> = {
  pods: "Privileged pods",
  rbac: "Permissive RBAC",
  network: "Unsegmented namespaces",
  secrets: "Secret exposure",
  images: "Image hygiene",
  cluster: "Cluster posture",
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
  /** Its fix is only a command to run, never a patch: its findings say fix type "none". */
  commandOnly?: boolean;
  /** RBAC: about a binding itself (who it reaches), not a rule: fixed by unbinding, not inherited through groups. */
  bindingLevel?: boolean;
  /** RBAC: a subject it flags holds every other risk, so those are implied and not reported apart. */
  impliesAll?: boolean;
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

/**
 * A finding as analysis makes it: a class, so every field has an in-object slot
 * (a plain literal extended with container/path/fix spills them into a separate
 * backing store, ~40 bytes per finding at 425,000 findings). Optional fields are
 * set only when present, so keys, spreads and JSON are those of a plain finding.
 */
class FindingRecord implements Finding {
  declare id: string;
  declare check: string;
  declare panel: Panel;
  declare severity: Severity;
  declare title: string;
  declare message: string;
  declare resource: ResourceRef;
  declare container?: string;
  declare path?: string;
  declare fix?: FixRef;
  declare related?: ResourceRef[];
  declare chain?: string[];

  constructor(
    from: Omit<Finding, "container" | "path" | "fix" | "related" | "chain">,
    container: string | undefined,
    path: string | undefined,
    fix: FixRef | undefined,
    related: ResourceRef[] | undefined,
    chain: string[] | undefined,
  ) {
    this.id = from.id;
    this.check = from.check;
    this.panel = from.panel;
    this.severity = from.severity;
    this.title = from.title;
    this.message = from.message;
    this.resource = from.resource;
    if (container !== undefined) this.container = container;
    if (path !== undefined) this.path = path;
    if (fix) this.fix = fix;
    if (related?.length) this.related = related;
    if (chain?.length) this.chain = chain;
  }
}

/** Builds a finding with a stable id from its check, resource, container and path. */
export function makeFinding(input: FindingInput): Finding {
  const r = input.resource;
  return new FindingRecord(
    {
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
      title: input.title ?? input.meta.title,
      message: input.message,
      resource: r,
    },
    input.container,
    input.path,
    input.fix,
    input.related,
    input.chain,
  );
}

/**
 * Gives a kept finding one flat, shared copy of each of its strings. Messages and paths
 * repeat across workloads ("container "app" runs privileged…") and are built as trees
 * of concatenations: kept as they are, 425,000 of them cost more than the findings. Done
 * by the analyzer on the findings it keeps, not when a finding is made: most findings
 * a pod's checks make are dropped because its controller reports them (two in three at
 * 10,000 pods). The strings change for equal ones, so nothing that reads them can tell.
 */
export function shareStrings(f: Finding): void {
  f.title = sharedString(f.title);
  f.message = sharedString(f.message);
  if (f.container !== undefined) f.container = sharedString(f.container);
  if (f.path !== undefined) f.path = sharedString(f.path);
}

/** The same finding with another fix ref (a new finding: findings are shared, never changed). */
export function withFix(f: Finding, fix: FixRef): Finding {
  return new FindingRecord(f, f.container, f.path, fix, f.related, f.chain);
}

/** Fix refs by target ref and type: every finding fixed on one target shares one (frozen). */
const fixRefs = new WeakMap<ResourceRef, Partial<Record<FixType, FixRef>>>();

/** A shared, frozen fix ref (targets from refOf are shared per object, so their fix refs are too). */
export function fixRef(target: ResourceRef, type: FixType): FixRef {
  let byType = fixRefs.get(target);
  if (!byType) fixRefs.set(target, (byType = {}));
  return (byType[type] ??= Object.freeze({ target, type }));
}

/** Severity first, then panel, then resource: the order lists and reports use. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    PANELS.indexOf(a.panel) - PANELS.indexOf(b.panel) ||
    compareText(a.check, b.check) ||
    compareText(a.resource.namespace ?? "", b.resource.namespace ?? "") ||
    compareText(a.resource.name, b.resource.name) ||
    compareText(a.id, b.id)
  );
}

/**
 * By UTF-16 code units, not localeCompare: check ids, namespaces, names and ids are
 * lowercase ASCII in practice (DNS names), where both orders agree, and this one is
 * ~10× cheaper — it runs in every sort and binary-search patch of the findings list.
 */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

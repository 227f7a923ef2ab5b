// SARIF 2.1.0 for CI code-scanning: one rule per check, one result per finding.
import type { Log, ReportingDescriptor, Result } from "sarif";
import type { AnalysisResult } from "../analysis/analyzer.js";
import type { CheckMeta, Severity } from "../analysis/finding.js";
import { refKey, refLabel } from "../cluster/objects.js";
import type { SourceInfo } from "../cluster/source.js";
import { type ReportTriage, resolvedOf, suppressionKind } from "./triaged.js";

const LEVEL: Record<Severity, Result.level> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};

/** GitHub code scanning reads this property to rank security results. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  info: "0.0",
};

function rule(meta: CheckMeta): ReportingDescriptor {
  return {
    id: meta.id,
    name: meta.title,
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    help: { text: `${meta.remediation}\nReferences: ${meta.references.join("; ")}` },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: {
      tags: ["security", "kubernetes", meta.panel],
      "security-severity": SECURITY_SEVERITY[meta.severity],
    },
  };
}

/** Where each object was read from, for file sources (file path and document index). */
export type ObjectOrigins = ReadonlyMap<string, { file: string; line?: number }>;

export function renderSarif(
  result: AnalysisResult,
  info: SourceInfo,
  catalog: readonly CheckMeta[],
  version: string,
  origins: ObjectOrigins = new Map(),
  triage?: ReportTriage,
): string {
  const ruleIndex = new Map(catalog.map((m, i) => [m.id, i]));
  const results: Result[] = result.findings.map((f) => {
    const origin = origins.get(refKey(f.resource));
    const r: Result = {
      ruleId: f.check,
      level: LEVEL[f.severity],
      message: {
        text: `${f.message} (${refLabel(f.resource)})`,
      },
      partialFingerprints: { kubewardFindingId: f.id },
      properties: {
        severity: f.severity,
        panel: f.panel,
        resource: f.resource,
        ...(f.path ? { path: f.path } : {}),
      },
      locations: [
        {
          logicalLocations: [
            {
              fullyQualifiedName: [f.resource.namespace, f.resource.kind, f.resource.name, f.container]
                .filter(Boolean)
                .join("/"),
              kind: "resource",
            },
          ],
          ...(origin
            ? {
                physicalLocation: {
                  artifactLocation: { uri: origin.file },
                  ...(origin.line ? { region: { startLine: origin.line } } : {}),
                },
              }
            : {}),
        },
      ],
    };
    const idx = ruleIndex.get(f.check);
    if (idx !== undefined) r.ruleIndex = idx;
    const v = triage?.verdict(f);
    if (v?.accepted)
      r.suppressions = [
        {
          kind: suppressionKind(v.accepted),
          status: "accepted",
          justification: v.accepted.reason,
          location: { logicalLocations: [{ fullyQualifiedName: v.accepted.source, kind: "declaration" }] },
          properties: {
            source: v.accepted.source,
            ...(v.accepted.expires ? { expires: v.accepted.expires } : {}),
            ...(v.accepted.by ? { by: v.accepted.by } : {}),
          },
        },
      ];
    else if (v?.expired && r.properties) r.properties.acceptanceExpired = v.expired;
    if (triage?.baseline) r.baselineState = triage.baseline.stateOf(f.id);
    return r;
  });
  // Findings of the baseline that are gone: results in state "absent", as SARIF defines.
  for (const b of resolvedOf(result.findings, triage) ?? []) {
    const check = typeof b.check === "string" ? b.check : "unknown";
    const r: Result = {
      ruleId: check,
      level: "none",
      baselineState: "absent",
      message: { text: `resolved since the baseline: ${typeof b.message === "string" ? b.message : check}` },
      partialFingerprints: { kubewardFindingId: b.id },
    };
    const idx = ruleIndex.get(check);
    if (idx !== undefined) r.ruleIndex = idx;
    results.push(r);
  }
  const log: Log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "kubeward",
            version,
            rules: catalog.map(rule),
          },
        },
        automationDetails: {
          id: `kubeward/${info.kind}${info.context ? `/${info.context}` : ""}/`,
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

// The two shapes of analysis (DESIGN §1): object checks over workloads, and
// cross-object engines. Both are pure: the store in, findings and facts out.
import type { KObject } from "../cluster/objects.js";
import type { OwnerTops } from "../store/owner.js";
import type { Store } from "../store/store.js";
import type { CheckMeta, Finding } from "./finding.js";
import type { Models } from "./models.js";
import type { EnginePart } from "./parts.js";
import type { CheckReads } from "./reads.js";
import type { Workload } from "./workloads.js";

export type PodSecurityLevel = "privileged" | "baseline" | "restricted";
export type Segmentation = "none" | "partial" | "default-deny";

export interface WorkloadSummary {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  podSecurity?: PodSecurityLevel;
  /** null when the kinds it depends on could not be listed; isolationUnknown says why. */
  isolation?: { ingress: boolean; egress: boolean } | null;
  isolationUnknown?: string;
}

export interface NamespaceSummary {
  name: string;
  /** "unknown": a kind the verdict reads could not be listed there (analysis/visibility.ts). */
  segmentation?: Segmentation | "unknown";
  /** Why segmentation is "unknown". */
  segmentationUnknown?: string;
  enforceableLevel?: PodSecurityLevel;
}

export interface SubjectSummary {
  kind: "ServiceAccount" | "User" | "Group";
  namespace?: string;
  name: string;
  checks: string[];
}

export interface AnalysisOptions {
  /** Registries images may come from (image.untrusted-registry); empty = not checked. */
  trustedRegistries: readonly string[];
}

export const DEFAULT_OPTIONS: AnalysisOptions = { trustedRegistries: [] };

export interface AnalysisContext {
  store: Store;
  options: AnalysisOptions;
  /** Models of engines that already ran in this pass (ctx.models.rbac, ...). */
  models: Models;
  /** Findings of engines that already ran in this pass (for correlation). */
  findings: readonly Finding[];
  /** Outputs of engines that already ran in this pass, by engine name (their parts, when partitioned). */
  outputs?: ReadonlyMap<string, EngineOutput>;
  /** Owner chain tops for this pass (the analyzer gives one; without it, users make their own). */
  owners?: OwnerTops;
}

export interface EngineOutput {
  findings: Finding[];
  /** Facts for the report's workloads[], keyed by refKey of the workload object. */
  workloads?: Map<string, Partial<WorkloadSummary>>;
  namespaces?: Map<string, Partial<NamespaceSummary>>;
  subjects?: SubjectSummary[];
  /** The engine's model (e.g. RBAC permissions for who-can), read by later engines and views. */
  model?: unknown;
  /**
   * The same output split by namespace (src/analysis/parts.ts). When set, the analyzer
   * merges parts by identity: an engine hands back the same part object for a namespace
   * whose output did not change, and `findings`/`workloads`/`namespaces` are their union.
   */
  parts?: ReadonlyMap<string, EnginePart>;
}

/** What a fix for one finding changes. Pod-spec fixes are relocated to the owner's template. */
export type FixFragment =
  | {
      kind: "podSpec";
      /** Strategic-merge patch relative to the pod spec (containers merged by name). */
      patch: Record<string, unknown>;
      /** Patch for the pod's metadata (template metadata on controllers). */
      metaPatch?: Record<string, unknown>;
      explain: string;
      mayBreak?: string;
    }
  | { kind: "object"; patch: Record<string, unknown>; explain: string; mayBreak?: string }
  | {
      kind: "manifest";
      manifest: Record<string, unknown>;
      /** Further new objects applied from the same file (e.g. the DNS egress beside a default-deny). */
      extra?: Record<string, unknown>[];
      explain: string;
      mayBreak?: string;
    }
  | { kind: "command"; command: string; explain: string; mayBreak?: string };

export interface FixContext {
  store: Store;
  /** The object the finding is about, if it is in the store. */
  object: KObject | undefined;
  models: Models;
}

/**
 * A check's metadata, what it reads beyond its own object (store kinds, other engines'
 * models: its engine derives its inputs and caches from these, and hands the check only
 * the models it declares), and, when it can be fixed honestly, its fix.
 */
export interface CheckDef {
  meta: CheckMeta;
  reads?: CheckReads;
  fix?(finding: Finding, ctx: FixContext): FixFragment | undefined;
  /** Extra lines for the finding's drill-down (e.g. a control-plane flag and the manifest line to set). */
  detail?(finding: Finding, object: KObject | undefined): string[];
}

/** One pod spec in, findings out; re-run only when the object changes. */
export interface WorkloadCheck extends CheckDef {
  detect(w: Workload, ctx: AnalysisContext): Finding[];
}

export interface Engine {
  name: string;
  /** Every check this engine can report; they form the catalog. */
  checks: readonly CheckDef[];
  /** Kinds whose changes make this engine recompute. */
  inputs: readonly string[];
  /**
   * Kinds its checks' verdicts depend on, when fewer than `inputs` (object checks read only
   * their object: []). A gap in one of them makes the verdicts unknown (visibility.ts).
   */
  reads?: readonly string[];
  /** Engines whose models or findings this one reads; it reruns when they do. */
  after?: readonly string[];
  run(ctx: AnalysisContext): EngineOutput;
}

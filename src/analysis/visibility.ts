// Verdicts depend on what was seen (issue 14): every check and engine names the kinds
// it reads; when one of them could not be listed (forbidden, failing, not finished)
// for a namespace, the check's verdicts there are unknown — no finding (a finding about
// absence from a kind never listed is false) and no clean (the report says what is
// missing, the facts say "unknown"). Pure: the gaps come from the source's statuses.
import type { CheckDef, Engine, NamespaceSummary, WorkloadSummary } from "./engine.js";
import type { Finding } from "./finding.js";

export type GapState = "forbidden" | "failed" | "incomplete";

/** A kind kubeward could not (fully) read, and where. */
export interface KindGap {
  kind: string;
  state: GapState;
  /** The namespace the gap is in; undefined = every namespace (and cluster-scoped objects). */
  namespace?: string;
  /** A namespace the kind was still read in (a cluster-wide list fell back to it). */
  except?: string;
  /** The RBAC permission a 403 says is missing. */
  permission?: string;
  message?: string;
}

/** "namespace team-a", "every namespace except default", "cluster-wide". */
export function gapScope(g: KindGap): string {
  if (g.namespace) return `namespace ${g.namespace}`;
  if (g.except) return `every namespace except ${g.except}`;
  return "cluster-wide";
}

/** Whether the gap covers objects of namespace `ns` (undefined: a cluster-scoped object). */
export function gapCovers(g: KindGap, ns: string | undefined): boolean {
  if (g.namespace) return ns === g.namespace;
  if (g.except) return ns !== g.except;
  return true;
}

/** One line: "NetworkPolicy forbidden in namespace team-a (missing: list networkpolicies…)". */
export function gapLine(g: KindGap): string {
  const why = g.permission ? ` (missing permission: ${g.permission})` : g.message ? ` (${g.message})` : "";
  return `${g.kind} ${g.state} ${g.namespace || g.except ? "in " : ""}${gapScope(g)}${why}`;
}

/** The kinds a check's verdicts depend on: its own list, else its engine's, else the engine's inputs. */
export function readsOf(check: CheckDef | undefined, engine: Engine): readonly string[] {
  return check?.reads?.kinds ?? engine.reads ?? engine.inputs;
}

/**
 * Drops findings whose check reads a kind with a gap covering the finding's namespace,
 * and marks the facts that depend on such kinds unknown: a namespace's segmentation
 * ("unknown") and a workload's isolation (null, with the reason).
 */
export function applyGaps(
  findings: readonly Finding[],
  workloads: readonly WorkloadSummary[],
  namespaces: readonly NamespaceSummary[],
  gaps: readonly KindGap[],
  engines: readonly Engine[],
): { findings: Finding[]; workloads: WorkloadSummary[]; namespaces: NamespaceSummary[] } {
  const readsByCheck = new Map<string, readonly string[]>();
  for (const e of engines) for (const c of e.checks) readsByCheck.set(c.meta.id, readsOf(c, e));
  const byKind = new Map<string, KindGap[]>();
  for (const g of gaps) byKind.set(g.kind, [...(byKind.get(g.kind) ?? []), g]);
  const blind = (kinds: readonly string[], ns: string | undefined): KindGap | undefined => {
    for (const k of kinds) for (const g of byKind.get(k) ?? []) if (gapCovers(g, ns)) return g;
    return undefined;
  };
  const keptFindings = findings.filter((f) => {
    const reads = readsByCheck.get(f.check);
    // A check outside the catalog: unknown reads, so unknown whenever anything is missing.
    // A finding about a Namespace is in that namespace.
    const ns = f.resource.kind === "Namespace" ? f.resource.name : f.resource.namespace;
    return !blind(reads ?? [...byKind.keys()], ns);
  });
  const network = engines.find((e) => e.name === "network");
  const netReads = network ? readsOf(undefined, network) : ["NetworkPolicy"];
  const nsOut = namespaces.map((n) => {
    const g = blind(netReads, n.name);
    if (!g || n.segmentation === undefined) return n;
    return { ...n, segmentation: "unknown" as const, segmentationUnknown: gapLine(g) };
  });
  const wlOut = workloads.map((w) => {
    const g = blind(netReads, w.namespace);
    if (!g || w.isolation === undefined) return w;
    return { ...w, isolation: null, isolationUnknown: gapLine(g) };
  });
  const pods = engines.find((e) => e.name === "pods");
  const levelReads = readsOf(
    pods?.checks.find((c) => c.meta.id === "pod.namespace-no-enforce"),
    pods ?? { name: "", checks: [], inputs: [], run: () => ({ findings: [] }) },
  );
  const nsFinal = nsOut.map((n) => {
    if (n.enforceableLevel === undefined || !blind(levelReads, n.name)) return n;
    const { enforceableLevel: _unknown, ...rest } = n;
    return rest;
  });
  return { findings: keptFindings, workloads: wlOut, namespaces: nsFinal };
}

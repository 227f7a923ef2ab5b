// The TUI's view-model actions: what a key or a command asks of the session, answered
// without React. The views call these and render the result.
import type { AnalysisResult } from "../analysis/analyzer.js";
import type { Finding } from "../analysis/finding.js";
import { findingsAboutAny } from "../analysis/findings-about.js";
import type { AccessPath, ReachAnswer, ReachQuery } from "../analysis/models.js";
import type { KObject, ResourceRef } from "../cluster/objects.js";
import { type PlannedPatch, planPatches, writeFindingPatches } from "../patch/patches.js";
import { ownerChain } from "../store/owner.js";
import type { Store } from "../store/store.js";
import { parseCommand } from "./commands.js";

/** The findings of these ids still in the result (a finding gone since is left out). */
export function findingsOf(ids: Iterable<string>, byId: ReadonlyMap<string, Finding>): Finding[] {
  const out: Finding[] = [];
  for (const id of ids) {
    const f = byId.get(id);
    if (f) out.push(f);
  }
  return out;
}

/** `p`: the patches these findings would get, without writing them. */
export function planFor(fs: readonly Finding[], store: Store, result: AnalysisResult, dir: string): PlannedPatch[] {
  return planPatches(fs, store, result.models, dir, result.findings);
}

/** `w`: writes these findings' patches under dir; the patches, or the error that stopped them. */
export function writePatchesFor(
  fs: readonly Finding[],
  store: Store,
  result: AnalysisResult,
  dir: string,
): { patches: PlannedPatch[]; error?: string } {
  try {
    return { patches: writeFindingPatches(fs, store, result.models, dir, result.findings) };
  } catch (err) {
    return { patches: [], error: (err as Error).message };
  }
}

/** `:can TEXT`: the access paths that grant it, or undefined when RBAC is not loaded or TEXT does not parse. */
export function whoCanFor(text: string, result: AnalysisResult): readonly AccessPath[] | undefined {
  const rbac = result.models.rbac;
  const q = parseCommand(`can ${text}`);
  return rbac && q.type === "can" ? rbac.whoCan(q.query) : undefined;
}

/** `:reach TEXT`: who reaches the target and what it reaches, or undefined without a network model. */
export function reachFor(
  text: string,
  result: AnalysisResult,
): { answer: { into: ReachAnswer; out: ReachAnswer } | undefined; port: ReachQuery["port"] } {
  const net = result.models.network;
  const q = parseCommand(`reach ${text}`);
  if (!net?.reach || q.type !== "reach") return { answer: undefined, port: undefined };
  const port = q.port;
  const into = net.reach({ to: q.target, ...(port ? { port } : {}) });
  const out = net.reach({ from: q.target, ...(port ? { port } : {}) });
  return { answer: { into, out }, port };
}

/**
 * The detail's other findings: on the object or its owners (a pod's findings are folded into
 * its controller's), from the findings' index, in list order, without `except`.
 */
export function findingsNear(
  store: Store,
  findings: readonly Finding[],
  ref: ResourceRef,
  obj: KObject | undefined,
  except?: string,
): Finding[] {
  const chain = obj ? ownerChain(store, obj).chain : [ref];
  return findingsAboutAny(findings, chain).filter((f) => f.id !== except);
}

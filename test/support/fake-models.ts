// Small fake models of the engines other teams build (rbac, network), so the
// secrets and correlate engines can be unit-tested on their own.
import { type AnalysisResult, Analyzer } from "../../src/analysis/analyzer.js";
import { type AnalysisOptions, DEFAULT_OPTIONS, type Engine } from "../../src/analysis/engine.js";
import type { Finding } from "../../src/analysis/finding.js";
import type { AccessPath, AccessQuery, NetworkModel, RbacModel, SubjectRef } from "../../src/analysis/models.js";
import { createEngines } from "../../src/analysis/registry.js";
import type { ResourceRef } from "../../src/cluster/objects.js";
import type { Store } from "../../src/store/store.js";
import { storeOf } from "./store.js";

export interface Grant {
  subject: SubjectRef;
  verbs: string[];
  /** "secrets", "pods/exec", "*" */
  resources: string[];
  /** Undefined: cluster-wide (a ClusterRoleBinding). */
  namespace?: string;
  names?: string[];
  binding?: ResourceRef;
}

const sameSubject = (a: SubjectRef, b: SubjectRef) =>
  a.kind === b.kind && a.name === b.name && (a.namespace ?? "") === (b.namespace ?? "");

/** Groups every subject of that kind is in, as the API server adds them. */
function covers(bound: SubjectRef, who: SubjectRef): boolean {
  if (sameSubject(bound, who)) return true;
  if (bound.kind !== "Group") return false;
  if (who.kind === "ServiceAccount")
    return ["system:authenticated", "system:serviceaccounts", `system:serviceaccounts:${who.namespace}`].includes(
      bound.name,
    );
  return who.kind === "User" && who.name !== "system:anonymous" && bound.name === "system:authenticated";
}

function matches(g: Grant, q: AccessQuery): boolean {
  const resource = q.subresource ? `${q.resource}/${q.subresource}` : q.resource;
  if (!g.verbs.includes(q.verb) && !g.verbs.includes("*")) return false;
  if (!g.resources.includes(resource) && !g.resources.includes("*")) return false;
  if (g.namespace !== undefined && g.namespace !== q.namespace) return false;
  if (g.names && (q.name === undefined || !g.names.includes(q.name))) return false;
  return true;
}

function bindingOf(g: Grant): ResourceRef {
  return (
    g.binding ?? {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: g.namespace ? "RoleBinding" : "ClusterRoleBinding",
      ...(g.namespace ? { namespace: g.namespace } : {}),
      name: `bind-${g.subject.name.replace(/[^a-z0-9]+/gi, "-")}`,
    }
  );
}

export function fakeRbac(grants: readonly Grant[], risky: Record<string, string[]> = {}): RbacModel {
  return {
    whoCan: (q) =>
      grants
        .filter((g) => matches(g, q))
        .map(
          (g): AccessPath => ({
            subject: g.subject,
            binding: bindingOf(g),
            role: { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", name: "fake" },
            rule: `${g.verbs.join(",")} ${g.resources.join(",")}`,
            scope: g.namespace ?? "cluster",
            ...(g.names ? { resourceNames: g.names } : {}),
          }),
        ),
    can: (subject, q) => grants.some((g) => covers(g.subject, subject) && matches(g, q)),
    riskyChecksOf: (subject) => {
      const key = `${subject.kind}/${subject.namespace ?? ""}/${subject.name}`;
      if (risky[key]) return risky[key]!;
      return grants.some((g) => sameSubject(g.subject, subject)) ? ["rbac.fake-risky"] : [];
    },
  };
}

export function fakeNetwork(segmentation: Record<string, "none" | "partial" | "default-deny">): NetworkModel {
  return { segmentationOf: (ns) => segmentation[ns], isolationOf: () => undefined };
}

export const sa = (namespace: string, name: string): SubjectRef => ({ kind: "ServiceAccount", namespace, name });

/** An engine that only publishes a model (and optionally findings), standing in for a real one. */
export function fakeEngine(name: string, model: unknown, findings: Finding[] = []): Engine {
  return { name, checks: [], inputs: [], run: () => ({ findings, model }) };
}

/** Analysis with fake engines in place of the real ones of the same name. */
export function analyzeWith(
  raws: readonly unknown[],
  fakes: readonly Engine[],
  options: AnalysisOptions = DEFAULT_OPTIONS,
): { store: Store; result: AnalysisResult } {
  const store = storeOf(raws);
  const names = new Set(fakes.map((e) => e.name));
  const engines = [...fakes, ...createEngines().filter((e) => !names.has(e.name))];
  return { store, result: new Analyzer(store, engines, options).run() };
}

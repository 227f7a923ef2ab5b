// Shared reading of the Pod Security Standards (Kubernetes Pod Security admission,
// policy version "latest" on Kubernetes 1.37): pod/container security contexts read
// defensively, the Windows and user-namespace exemptions, and how a check's
// finding maps to the PSS level it breaks.
import type { KObject } from "../../cluster/objects.js";
import type { Container, ContainerList } from "../../cluster/podspec.js";
import { isRecord } from "../../util/record.js";
import type { PodSecurityLevel, WorkloadCheck } from "../engine.js";
import type { Finding } from "../finding.js";
import { type ContainerEntry, containersOf, type Workload, workloadOf } from "../workloads.js";

export type Json = Record<string, unknown>;

/** The Kubernetes release whose Pod Security admission policy ("latest") the PSS checks follow. */
export const PSS_KUBERNETES_VERSION = "1.37";

export function recordAt(v: unknown, key: string): Json | undefined {
  if (!isRecord(v)) return undefined;
  const inner = v[key];
  return isRecord(inner) ? inner : undefined;
}

export function stringAt(v: unknown, key: string): string | undefined {
  if (!isRecord(v)) return undefined;
  const inner = v[key];
  return typeof inner === "string" ? inner : undefined;
}

export function stringsOf(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : [];
}

/** The pod-level securityContext, if it is an object. */
export function podSecurityContext(w: Workload): Json | undefined {
  return recordAt(w.podSpec, "securityContext");
}

/** A container's securityContext, if it is an object. */
export function containerSecurityContext(c: Container): Json | undefined {
  return recordAt(c, "securityContext");
}

/** PSA exempts pods with spec.os.name == "windows" from some restricted Linux-only controls (policy 1.25+). */
export function isWindows(w: Workload): boolean {
  return stringAt(recordAt(w.podSpec, "os"), "name") === "windows";
}

/** PSA 1.35+: pods in a user namespace (hostUsers: false) skip runAsNonRoot/runAsUser and baseline procMount. */
export function inUserNamespace(w: Workload): boolean {
  return isRecord(w.podSpec) && w.podSpec.hostUsers === false;
}

/** The level a finding breaks: "baseline" means the pod is privileged-only. */
export type BrokenLevel = Exclude<PodSecurityLevel, "privileged">;

/** A PSS-aligned check: which level its findings break (per workload when it depends on exemptions). */
export interface PssCheck extends WorkloadCheck {
  breaks: BrokenLevel | ((f: Finding, w: Workload) => BrokenLevel);
}

/** Level of a workload given its PSS findings: the strictest level none of them breaks. */
export function levelFrom(broken: Iterable<BrokenLevel>): PodSecurityLevel {
  let level: PodSecurityLevel = "restricted";
  for (const b of broken) {
    if (b === "baseline") return "privileged";
    level = "baseline";
  }
  return level;
}

/** The container list a finding's path points into (containers unless the path says otherwise). */
export function listOfPath(path: string | undefined): ContainerList {
  if (path?.includes(".initContainers[")) return "initContainers";
  if (path?.includes(".ephemeralContainers[")) return "ephemeralContainers";
  return "containers";
}

/**
 * A pod-spec patch for one container's securityContext. Ephemeral containers
 * cannot be changed once added and never appear in a template: no patch.
 */
export function containerPatch(finding: Finding, patch: Json): Json | undefined {
  if (!finding.container) return undefined;
  const list = listOfPath(finding.path);
  if (list === "ephemeralContainers") return undefined;
  return { [list]: [{ name: finding.container, ...patch }] };
}

export function quoteList(items: readonly string[]): string {
  return items.map((i) => `"${i}"`).join(", ");
}

export type { ContainerEntry };

/** The container a finding names, read from the object in the store (for fixes that depend on its current value). */
export function findContainer(obj: KObject | undefined, finding: Finding): Container | undefined {
  const w = obj && workloadOf(obj);
  if (!w || !finding.path || finding.container === undefined) return undefined;
  return containersOf(w).find((c) => c.name === finding.container && finding.path?.startsWith(`${c.path}.`))?.container;
}

/** The workload of the object a finding is about. */
export function workloadOfFinding(obj: KObject | undefined): Workload | undefined {
  return obj ? workloadOf(obj) : undefined;
}

/** A cluster value for a message: never throws (objects of any shape, null prototypes included). */
export function show(v: unknown): string {
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return String(v);
  if (v === undefined) return "unset";
  try {
    return JSON.stringify(v) ?? "(invalid)";
  } catch {
    return "(invalid)";
  }
}

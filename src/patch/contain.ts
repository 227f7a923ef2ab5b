// Containment for a pod the operator believes compromised (DESIGN §4): an ordered
// plan — evidence, quarantine, detach, node, credentials, eradicate — built from
// what the store and the engines already know. Nothing is applied: every step is
// a command for a human, with why, what it breaks and how to undo it.
// Every value in a command is shell-quoted; a name Kubernetes would reject is
// reported as a problem and never printed into a command.

import type { CheckDef } from "../analysis/engine.js";
import type { Finding } from "../analysis/finding.js";
import type { IsolationInfo, Models } from "../analysis/models.js";
import { serviceAccountOf } from "../analysis/secrets/refs.js";
import { containersOf, type Workload, workloadOf } from "../analysis/workloads.js";
import { effectiveNamespace } from "../cluster/namespace.js";
import { type KObject, type ResourceRef, refKey, refLabel, refOf } from "../cluster/objects.js";
import { ownerChain } from "../store/owner.js";
import type { Store } from "../store/store.js";
import { isRecord } from "../util/record.js";
import { isDnsLabel, isDnsSubdomain } from "../util/shell.js";
import {
  credentialsStep,
  detachStep,
  eradicateStep,
  evidenceStep,
  type Facts,
  nodeStep,
  QUARANTINE_LABEL,
  quarantineIdOf,
  quarantineStep,
  str,
} from "./contain-steps.js";

type Json = Record<string, unknown>;

export { QUARANTINE_LABEL, quarantineIdOf, quarantinePolicy } from "./contain-steps.js";

export class ContainError extends Error {}

export interface ContainStep {
  title: string;
  why: string;
  breaks: string;
  undo: string;
  /** Facts the reader needs for this step: lists, warnings. */
  notes: string[];
  /** Shell lines, in order; every value quoted. Empty when there is nothing to run. */
  commands: string[];
}

export interface BundleFile {
  /** Relative to the bundle directory. */
  path: string;
  content: string;
}

export interface ContainmentBundle {
  pod: ResourceRef;
  quarantineId: string;
  /** One-line facts for the top of the runbook and the CLI's summary. */
  summary: string[];
  steps: ContainStep[];
  /** Manifests, patches and kubeward's own report of the pod (the runbook and scripts are rendered apart). */
  files: BundleFile[];
  /** Names left out of commands and other things the reader must know. */
  problems: string[];
}

export interface ContainInput {
  store: Store;
  findings: readonly Finding[];
  models: Models;
  catalog: ReadonlyMap<string, CheckDef>;
  pod: KObject;
  /** When the plan was made (written into the evidence). */
  now: Date;
  /** What kubeward read (e.g. "live context prod"), for the evidence. */
  source?: string;
}

function escapesOf(w: Workload): string[] {
  const out: string[] = [];
  const spec = w.podSpec as Json;
  for (const c of containersOf(w))
    if (isRecord(c.container.securityContext) && c.container.securityContext.privileged === true)
      out.push(`container ${c.name} is privileged`);
  if (spec.hostPID === true) out.push("hostPID: it sees and can signal every process on the node");
  if (spec.hostIPC === true) out.push("hostIPC: it shares the node's IPC namespace");
  if (spec.hostNetwork === true) out.push("hostNetwork: it uses the node's network stack");
  for (const v of Array.isArray(spec.volumes) ? spec.volumes : [])
    if (isRecord(v) && isRecord(v.hostPath))
      out.push(`hostPath volume ${str(v.name) ?? "?"} mounts ${str(v.hostPath.path) ?? "?"} from the node`);
  return out;
}

export function planContainment(input: ContainInput): ContainmentBundle {
  const { store, pod } = input;
  const ns = effectiveNamespace(pod.metadata.namespace);
  const name = pod.metadata.name;
  if (!isDnsSubdomain(name) || !isDnsLabel(ns))
    throw new ContainError(
      `pod ${JSON.stringify(`${ns}/${name}`)} has a name Kubernetes would reject: no command can be written for it`,
    );
  const w = workloadOf(pod);
  if (!w) throw new ContainError(`${refLabel(refOf(pod))} is not a pod`);
  const chain = ownerChain(store, pod);
  const ownerRef = chain.chain[1];
  const owner = ownerRef && store.getByName(ownerRef.kind, ownerRef.namespace, ownerRef.name);
  const node = str(pod.spec?.nodeName);
  const facts: Facts = {
    pod,
    ref: refOf(pod),
    ns,
    name,
    w,
    id: quarantineIdOf(pod),
    node,
    hostNetwork: pod.spec?.hostNetwork === true,
    escapes: escapesOf(w),
    chain: chain.chain,
    owner,
    ownerRef,
    top: chain.top,
    problems: [],
  };
  if (node && !isDnsSubdomain(node)) {
    facts.problems.push(`node name ${JSON.stringify(node)} is not one Kubernetes accepts: left out of every command`);
    facts.node = undefined;
  }
  const files: BundleFile[] = [];
  const steps = [
    evidenceStep(facts, store),
    quarantineStep(facts, input, files),
    detachStep(facts, store),
    nodeStep(facts, store),
    credentialsStep(facts, input, files),
    eradicateStep(facts, input, files),
  ];
  files.push({ path: "evidence/kubeward-report.json", content: evidenceReport(facts, input) });
  const sa = serviceAccountOf(w);
  const summary = [
    `Pod ${ns}/${name}${facts.node ? ` on node ${facts.node}` : " (not scheduled to a node)"}, service account ${sa.name}`,
    ownerRef
      ? `Owned by ${facts.chain
          .slice(1)
          .map((r) => `${r.kind} ${r.name}`)
          .join(" → ")}`
      : "No controller: a bare pod (nothing will replace it)",
    facts.hostNetwork
      ? "hostNetwork: a NetworkPolicy does NOT isolate it — isolate its node (steps 2 and 4)"
      : `Quarantine label ${QUARANTINE_LABEL}=${facts.id}`,
    facts.escapes.length ? `Can reach its node: ${facts.escapes.join("; ")}` : "No route to the node in its spec",
  ];
  return { pod: facts.ref, quarantineId: facts.id, summary, steps, files, problems: facts.problems };
}

// evidence report ─────────────────────────────────────────────────────────────

function evidenceReport(f: Facts, input: ContainInput): string {
  const chainKeys = new Set(f.chain.map((r) => refKey(r)));
  const podKey = refKey(f.ref);
  const findings = input.findings.filter(
    (x) => chainKeys.has(refKey(x.resource)) || (x.related ?? []).some((r) => refKey(r) === podKey),
  );
  let isolation: IsolationInfo | undefined;
  try {
    isolation = input.models.network?.isolationOf(podKey);
  } catch {
    isolation = undefined;
  }
  const sa = serviceAccountOf(f.w);
  return `${JSON.stringify(
    {
      version: 1,
      writtenAt: input.now.toISOString(),
      ...(input.source ? { source: input.source } : {}),
      pod: f.ref,
      uid: f.pod.metadata.uid,
      node: f.node ?? null,
      ownerChain: f.chain.slice(1),
      serviceAccount: sa.name,
      labels: f.pod.metadata.labels,
      quarantineId: f.id,
      isolation: isolation ?? null,
      findings,
    },
    null,
    2,
  )}\n`;
}

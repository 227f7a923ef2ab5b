// Privileged pods panel: Pod Security Standards checks over every workload, the
// level of each Pod and pod template, and what each namespace could enforce.
import { refKey, WORKLOAD_KINDS } from "../../cluster/objects.js";
import type { AnalysisContext, Engine, PodSecurityLevel, WorkloadCheck, WorkloadSummary } from "../engine.js";
import { type Finding, fixRef, withFix } from "../finding.js";
import type { PodsModel } from "../models.js";
import {
  type EnginePart,
  isStoreNamespace,
  objectsOfKindsIn,
  PartCache,
  partitionedOutput,
  partitionKeys,
  partKeyOf,
} from "../parts.js";
import { inputsOf, partStamp, readsOf } from "../reads.js";
import { WorkloadCheckRunner } from "../workload-checks.js";
import { type Workload, workloadOf } from "../workloads.js";
import { apparmor } from "./apparmor.js";
import { capabilities } from "./capabilities.js";
import { capabilitiesRestricted } from "./capabilities-restricted.js";
import { hostNamespaces } from "./host-namespaces.js";
import { hostPath } from "./host-path.js";
import { hostPorts } from "./host-ports.js";
import { hostProbes } from "./host-probes.js";
import { hostProcess } from "./host-process.js";
import { namespaceEnforce, namespaceFindings } from "./namespace-enforce.js";
import { privilegeEscalation } from "./privilege-escalation.js";
import { privileged } from "./privileged.js";
import { procMount } from "./proc-mount.js";
import { type BrokenLevel, levelFrom, type PssCheck } from "./pss.js";
import { resourcesMissing } from "./resources.js";
import { runAsNonRoot } from "./run-as-non-root.js";
import { runAsUser } from "./run-as-user.js";
import { seccompUnconfined } from "./seccomp.js";
import { seccompRestricted } from "./seccomp-restricted.js";
import { selinux } from "./selinux.js";
import { sysctls } from "./sysctls.js";
import { ulimits } from "./ulimits.js";
import { volumeTypes } from "./volume-types.js";

/** Every PSS control, baseline then restricted. */
export const pssChecks: readonly PssCheck[] = [
  hostProcess,
  hostNamespaces,
  privileged,
  capabilities,
  hostPath,
  hostPorts,
  apparmor,
  selinux,
  procMount,
  seccompUnconfined,
  sysctls,
  ulimits,
  hostProbes,
  volumeTypes,
  privilegeEscalation,
  runAsNonRoot,
  runAsUser,
  seccompRestricted,
  capabilitiesRestricted,
];

export const podChecks: readonly WorkloadCheck[] = [...pssChecks, resourcesMissing];

const PSS_BY_ID = new Map(pssChecks.map((c) => [c.meta.id, c]));
/** Shared, frozen facts: the same object each run lets the analyzer reuse unchanged summaries. */
const LEVEL_FACTS: Record<PodSecurityLevel, Partial<WorkloadSummary>> = {
  privileged: Object.freeze({ podSecurity: "privileged" }),
  baseline: Object.freeze({ podSecurity: "baseline" }),
  restricted: Object.freeze({ podSecurity: "restricted" }),
};
const RANK: Record<PodSecurityLevel, number> = { privileged: 0, baseline: 1, restricted: 2 };

/** The PSS level of one workload from its own findings (before pod findings fold into their controller). */
export function levelOfFindings(findings: readonly Finding[], w: Workload): PodSecurityLevel {
  const broken: BrokenLevel[] = [];
  for (const f of findings) {
    const check = PSS_BY_ID.get(f.check);
    if (check) broken.push(typeof check.breaks === "function" ? check.breaks(f, w) : check.breaks);
  }
  return levelFrom(broken);
}

const CHECKS_BY_ID = new Map(podChecks.map((c) => [c.meta.id, c]));

/** A fix ref is honest only when the check can really plan a change for that finding. */
function honestFixes(findings: Finding[], ctx: AnalysisContext): Finding[] {
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    const check = CHECKS_BY_ID.get(f.check);
    if (!f.fix || f.fix.type === "none" || !check?.fix) continue;
    const object = ctx.store.getByName(f.resource.kind, f.resource.namespace, f.resource.name);
    let fragment: unknown;
    try {
      fragment = check.fix(f, { store: ctx.store, object, models: ctx.models });
    } catch {
      fragment = undefined;
    }
    if (!fragment) findings[i] = withFix(f, fixRef(f.fix.target, "none"));
  }
  return findings;
}

export function podsEngine(): Engine {
  const runner = new WorkloadCheckRunner(podChecks);
  const cache = new PartCache<EnginePart>();
  /** One namespace: its workloads' levels, its enforceable level and findings. */
  const partOf = (ns: string, ctx: AnalysisContext): EnginePart => {
    const objects = objectsOfKindsIn(ctx.store, WORKLOAD_KINDS, ns);
    const workloads = new Map<string, Partial<WorkloadSummary>>();
    // Enforceable level: the weakest level among the namespace's Pods and pod
    // templates (a template below its pods would be rejected on the next rollout).
    let weakest: PodSecurityLevel = "restricted";
    const folded = runner.runObjects(objects, ctx, (obj, own) => {
      const w = workloadOf(obj);
      if (!w) return;
      const level = levelOfFindings(own, w);
      workloads.set(refKey(w.ref), LEVEL_FACTS[level]);
      if (RANK[level] < RANK[weakest]) weakest = level;
    });
    const findings = honestFixes(folded, ctx);
    const nsObject = ctx.store.getByName("Namespace", undefined, ns);
    if (nsObject) for (const f of namespaceFindings([nsObject], () => weakest)) findings.push(f);
    const part: EnginePart = { findings, workloads };
    if (isStoreNamespace(ctx.store, ns)) part.namespaces = new Map([[ns, { enforceableLevel: weakest }]]);
    return part;
  };
  // Everything a namespace's part reads is in that namespace (owners too), and whatever
  // else its checks declare they read.
  const reads = readsOf(podChecks);
  const stamp = partStamp(reads);
  return {
    name: "pods",
    checks: [...podChecks, namespaceEnforce],
    inputs: inputsOf(["Namespace", ...WORKLOAD_KINDS], reads),
    after: reads.models,
    reads: [], // object checks: a pod spec reads only itself
    run: (ctx) => {
      const { store } = ctx;
      const parts = cache.update(
        partitionKeys(store),
        (ns) => stamp.deps(store, ctx.models, ns),
        (ns) => partOf(ns, ctx),
        (kept, ns) => stamp.same(kept, store, ctx.models, ns),
      );
      const partFor = (key: string) => parts.get(partKeyOf(key.split("/")[1]));
      const model: PodsModel = {
        levelOf: (key) => partFor(key)?.workloads?.get(key)?.podSecurity,
        enforceableLevelOf: (ns) => parts.get(ns)?.namespaces?.get(ns)?.enforceableLevel,
      };
      return partitionedOutput(parts, { model });
    },
  };
}

// The fix planner (DESIGN §4): findings → one change per target object, several
// findings on one target merged into one patch.

import type { CheckDef, FixFragment } from "../analysis/engine.js";
import type { Finding, FixType } from "../analysis/finding.js";
import { ModelSet, type Models } from "../analysis/models.js";
import { maskCredentials } from "../analysis/secrets/mask.js";
import { validRef } from "../cluster/names.js";
import { type KObject, POD_TEMPLATE_PATHS, type ResourceRef, refKey } from "../cluster/objects.js";
import { combinePatches, nest, strategicMerge } from "../cluster/strategic.js";
import { ownerChain } from "../store/owner.js";
import type { Store } from "../store/store.js";
import type { Json } from "../util/record.js";

export interface FixPlan {
  target: ResourceRef;
  type: FixType;
  findings: Finding[];
  /** The strategic-merge patch (type strategic) or the object to apply (type manifest). */
  body?: Json;
  /** Extra manifests applied with the body (e.g. a DNS egress policy beside a default-deny). */
  extraManifests: Json[];
  /** What each merged fragment does, one line each. */
  explains: string[];
  mayBreak: string[];
  warnings: string[];
  /** kubectl lines for changes kubeward only describes (e.g. deleting a binding). */
  commands: string[];
}

function objectFor(store: Store, ref: ResourceRef): KObject | undefined {
  return store.getByName(ref.kind, ref.namespace, ref.name);
}

const JOB_GENERATED_LABELS = [
  "controller-uid",
  "job-name",
  "batch.kubernetes.io/controller-uid",
  "batch.kubernetes.io/job-name",
];

/** A manifest to recreate a bare pod or a standalone Job, without server-set fields or plaintext credentials. */
function recreateManifest(obj: KObject, warnings: string[]): Json {
  const { object: pod, masked } = maskCredentials(obj);
  const metadata: Json = { name: pod.metadata.name };
  if (pod.metadata.namespace) metadata.namespace = pod.metadata.namespace;
  if (Object.keys(pod.metadata.labels).length) metadata.labels = pod.metadata.labels;
  if (Object.keys(pod.metadata.annotations).length) metadata.annotations = pod.metadata.annotations;
  const spec = { ...(pod.spec ?? {}) };
  if (masked.length) {
    addUnique(
      warnings,
      `plaintext credentials in ${masked.join(", ")} were replaced by a placeholder: move them into a Secret before applying.`,
    );
  }
  delete spec.nodeName;
  if (pod.kind === "Job") {
    // The server generates the selector and the controller-uid labels; a recreated Job gets new ones.
    delete spec.selector;
    const template = { ...(spec.template ?? {}) };
    const generated = (labels: Record<string, string> | undefined) =>
      Object.fromEntries(Object.entries(labels ?? {}).filter(([k]) => !JOB_GENERATED_LABELS.includes(k)));
    template.metadata = { ...(template.metadata ?? {}), labels: generated(template.metadata?.labels) };
    if (metadata.labels) metadata.labels = generated(metadata.labels as Record<string, string>);
    spec.template = template;
    return { apiVersion: "batch/v1", kind: "Job", metadata, spec };
  }
  // Ephemeral containers cannot be set when a pod is created: the API would reject the manifest.
  delete spec.ephemeralContainers;
  return { apiVersion: "v1", kind: "Pod", metadata, spec };
}

function emptyPlan(target: ResourceRef, type: FixType): FixPlan {
  return {
    target,
    type,
    findings: [],
    extraManifests: [],
    explains: [],
    mayBreak: [],
    warnings: [],
    commands: [],
  };
}

function addUnique(list: string[], item: string | undefined): void {
  if (item && !list.includes(item)) list.push(item);
}

export function planFixes(
  findings: readonly Finding[],
  store: Store,
  catalog: ReadonlyMap<string, CheckDef>,
  models: Models = new ModelSet(),
): FixPlan[] {
  const plans = new Map<string, FixPlan>();
  for (const f of findings) {
    const check = catalog.get(f.check);
    // type "none" still plans when the check has a fix: it prints a command (e.g. kubectl delete), never a patch.
    if (!check?.fix || !f.fix) continue;
    // A name Kubernetes would reject (a reported problem of that object) never goes into a command or file.
    if (!validRef(f.fix.target) || !validRef(f.resource)) continue;
    let fragment: FixFragment | undefined;
    try {
      fragment = check.fix(f, { store, object: objectFor(store, f.resource), models });
    } catch {
      fragment = undefined; // a fix that cannot be planned is left out, never half-written
    }
    if (!fragment || (f.fix.type === "none" && fragment.kind !== "command")) continue;
    const target = f.fix.target;
    const key = `${refKey(target)}|${fragment.kind === "command" ? "command" : f.fix.type}`;
    let plan = plans.get(key);
    if (!plan) plans.set(key, (plan = emptyPlan(target, fragment.kind === "command" ? "none" : f.fix.type)));
    plan.findings.push(f);
    addUnique(plan.explains, fragment.explain);
    addUnique(plan.mayBreak, fragment.mayBreak);
    applyFragment(plan, fragment, store);
  }
  return [...plans.values()];
}

function applyFragment(plan: FixPlan, fragment: FixFragment, store: Store): void {
  switch (fragment.kind) {
    case "command":
      addUnique(plan.commands, fragment.command);
      return;
    case "manifest": {
      for (const [i, manifest] of [fragment.manifest, ...(fragment.extra ?? [])].entries()) {
        if (i === 0 && !plan.body) plan.body = manifest;
        else if (
          JSON.stringify(plan.body) !== JSON.stringify(manifest) &&
          !plan.extraManifests.some((m) => JSON.stringify(m) === JSON.stringify(manifest))
        )
          plan.extraManifests.push(manifest);
      }
      return;
    }
    case "object":
      // Patches are combined, not applied: their nulls are deletions the API server must see.
      plan.body = combinePatches(plan.body ?? {}, fragment.patch);
      return;
    case "podSpec": {
      const target = plan.target;
      const specPath = POD_TEMPLATE_PATHS[target.kind];
      if (!specPath) return;
      if (target.kind === "Pod" || target.kind === "Job") {
        // A bare pod cannot be patched in place for most fields, nor a Job's template: give the manifest to recreate.
        const obj = store.getByName(target.kind, target.namespace, target.name);
        if (!obj) return;
        const base = plan.body ?? recreateManifest(obj, plan.warnings);
        let next = strategicMerge(base, nest(specPath, fragment.patch));
        if (fragment.metaPatch)
          next = strategicMerge(next, nest([...specPath.slice(0, -1), "metadata"], fragment.metaPatch));
        plan.body = next;
        addUnique(
          plan.warnings,
          target.kind === "Pod"
            ? `Pod ${target.namespace}/${target.name} has no controller and most pod fields cannot be patched in place: delete it and apply this manifest (kubectl replace --force -f FILE).`
            : `Job ${target.namespace}/${target.name}'s pod template is immutable: delete it and apply this manifest (kubectl replace --force -f FILE); the Job runs again.`,
        );
        return;
      }
      const specPatch = Object.keys(fragment.patch).length ? nest(specPath, fragment.patch) : {};
      let body = combinePatches(plan.body ?? {}, specPatch);
      if (fragment.metaPatch)
        body = combinePatches(body, nest([...specPath.slice(0, -1), "metadata"], fragment.metaPatch));
      plan.body = body;
      const obj = store.getByName(target.kind, target.namespace, target.name);
      if (!obj) {
        const chainFrom =
          plan.findings[0] &&
          store.getByName(
            plan.findings[0].resource.kind,
            plan.findings[0].resource.namespace,
            plan.findings[0].resource.name,
          );
        const missing = chainFrom ? ownerChain(store, chainFrom).missingOwner : undefined;
        addUnique(
          plan.warnings,
          missing
            ? `${missing.kind} ${missing.name} owns this workload but was not loaded: check whether it is itself managed by another controller before applying.`
            : `${target.kind} ${target.name} was not loaded: check it exists before applying.`,
        );
      }
    }
  }
}

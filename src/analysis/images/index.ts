// Image hygiene panel: tags, digests, registries, pull policy.
import { WORKLOAD_KINDS } from "../../cluster/objects.js";
import type { Engine, WorkloadCheck } from "../engine.js";
import { type EnginePart, objectsOfKindsIn, PartCache, partitionedOutput, partitionKeys } from "../parts.js";
import { inputsOf, partStamp, readsOf } from "../reads.js";
import { WorkloadCheckRunner } from "../workload-checks.js";
import { mutableTag } from "./mutable-tag.js";
import { noDigest } from "./no-digest.js";
import { pullPolicy } from "./pull-policy.js";
import { untrustedRegistry } from "./untrusted-registry.js";

export const imageChecks: readonly WorkloadCheck[] = [mutableTag, noDigest, untrustedRegistry, pullPolicy];

export function imagesEngine(): Engine {
  const runner = new WorkloadCheckRunner(imageChecks);
  const cache = new PartCache<EnginePart>();
  // A namespace's part is recomputed when the namespace changes, or whatever else its checks declare they read.
  const reads = readsOf(imageChecks);
  const stamp = partStamp(reads);
  return {
    name: "images",
    checks: imageChecks,
    inputs: inputsOf(WORKLOAD_KINDS, reads),
    after: reads.models,
    reads: [], // object checks
    run: (ctx) =>
      partitionedOutput(
        cache.update(
          partitionKeys(ctx.store),
          (ns) => stamp.deps(ctx.store, ctx.models, ns),
          (ns) => ({ findings: runner.runObjects(objectsOfKindsIn(ctx.store, WORKLOAD_KINDS, ns), ctx) }),
          (kept, ns) => stamp.same(kept, ctx.store, ctx.models, ns),
        ),
      ),
  };
}

// Image hygiene panel: tags, digests, registries, pull policy.
import { WORKLOAD_KINDS } from "../../cluster/objects.js";
import type { Engine, WorkloadCheck } from "../engine.js";
import { fixRef, withFix } from "../finding.js";
import {
  type EnginePart,
  namespaceStamp,
  objectsOfKindsIn,
  PartCache,
  partitionedOutput,
  partitionKeys,
} from "../parts.js";
import { WorkloadCheckRunner } from "../workload-checks.js";
import { mutableTag } from "./mutable-tag.js";
import { noDigest } from "./no-digest.js";
import { pullPolicy } from "./pull-policy.js";
import { untrustedRegistry } from "./untrusted-registry.js";

export const imageChecks: readonly WorkloadCheck[] = [mutableTag, noDigest, untrustedRegistry, pullPolicy];

/** Checks whose fix is only a command to run (never a patch): their findings say fix type "none". */
const COMMAND_ONLY = new Set([noDigest.meta.id]);

export function imagesEngine(): Engine {
  const runner = new WorkloadCheckRunner(imageChecks);
  const cache = new PartCache<EnginePart>();
  return {
    name: "images",
    checks: imageChecks,
    inputs: WORKLOAD_KINDS,
    reads: [], // object checks
    run: (ctx) =>
      partitionedOutput(
        cache.update(
          partitionKeys(ctx.store),
          (ns) => namespaceStamp(ctx.store, ns),
          (ns) => ({
            findings: runner
              .runObjects(objectsOfKindsIn(ctx.store, WORKLOAD_KINDS, ns), ctx)
              .map((f) => (f.fix && COMMAND_ONLY.has(f.check) ? withFix(f, fixRef(f.fix.target, "none")) : f)),
          }),
        ),
      ),
  };
}

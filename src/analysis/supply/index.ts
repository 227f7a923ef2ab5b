// The image supply chain (DESIGN §3 "Images", seeds' layer 1): known
// vulnerabilities and baked-in secrets read from scanner reports, images no
// report covers, and images no enforcing signature policy covers. One model per
// change of the reports, policies or namespaces; findings per namespace.
import { WORKLOAD_KINDS } from "../../cluster/objects.js";
import type { AnalysisContext, Engine } from "../engine.js";
import { withFix } from "../finding.js";
import {
  type EnginePart,
  namespaceStamp,
  objectsOfKindsIn,
  PartCache,
  partitionedOutput,
  partitionKeys,
} from "../parts.js";
import { WorkloadCheckRunner } from "../workload-checks.js";
import { imageExposedSecret } from "./exposed-secret.js";
import { modelStamp, POLICY_KINDS, REPORT_KINDS, SupplyModel } from "./model.js";
import { imageScanMissing } from "./scan-missing.js";
import { imageUnverified, verifyPolicyFix } from "./unverified.js";
import { imageVulnerable, SUPPLY_MODEL } from "./vulnerable.js";

export const supplyChecks = [imageVulnerable, imageExposedSecret, imageScanMissing, imageUnverified] as const;

export function supplyEngine(): Engine {
  const runner = new WorkloadCheckRunner(supplyChecks);
  const cache = new PartCache<EnginePart, unknown[]>();
  let model: { stamp: string; model: SupplyModel } | undefined;
  return {
    name: SUPPLY_MODEL,
    checks: supplyChecks,
    inputs: [...WORKLOAD_KINDS, ...REPORT_KINDS, ...POLICY_KINDS, "Namespace"],
    run: (ctx) => {
      const { store } = ctx;
      const stamp = modelStamp(store);
      if (!model || model.stamp !== stamp || model.model.store !== store)
        model = { stamp, model: new SupplyModel(store) };
      const current = model.model;
      const own: AnalysisContext = { ...ctx, models: new Map([...ctx.models, [SUPPLY_MODEL, current]]) };
      const parts = cache.update(
        partitionKeys(store),
        (ns) => [namespaceStamp(store, ns), current],
        (ns) => ({
          findings: runner
            .runObjects(objectsOfKindsIn(store, WORKLOAD_KINDS, ns), own)
            .map((f) => (f.check === imageUnverified.meta.id ? withFix(f, verifyPolicyFix()) : f)),
        }),
        (kept, ns) => kept[0] === namespaceStamp(store, ns) && kept[1] === current,
      );
      return partitionedOutput(parts, { model: current });
    },
  };
}

// Secret exposure panel: env references, plaintext credentials, last-applied
// leaks, powerful mounted tokens, legacy tokens and who can read each Secret.
// Secret values never reach here: projection keeps key names only.

import type { KObject } from "../../cluster/objects.js";
import { WORKLOAD_KINDS } from "../../cluster/objects.js";
import type { AnalysisContext, Engine, WorkloadCheck } from "../engine.js";
import type { Finding } from "../finding.js";
import type { RbacModel, SecretReader, SecretsModel } from "../models.js";
import {
  type EnginePart,
  objectsIn,
  objectsOfKindsIn,
  PartCache,
  partitionedOutput,
  partitionKeys,
  partKeyOf,
} from "../parts.js";
import { inputsOf, partStamp, readsOf } from "../reads.js";
import { WorkloadCheckRunner } from "../workload-checks.js";
import { type Workload, workloadOf } from "../workloads.js";
import { defaultSaAutomount } from "./default-sa-automount.js";
import { envReference } from "./env-reference.js";
import { lastApplied } from "./last-applied.js";
import { legacyToken } from "./legacy-token.js";
import { plaintextConfigMap } from "./plaintext-configmap.js";
import { plaintextEnv } from "./plaintext-env.js";
import { analyzeReadersOf, broadReaders } from "./readers.js";
import { tokenAutomount } from "./token-automount.js";

/** Checks that read one pod spec only: cached by object identity. */
const specChecks: readonly WorkloadCheck[] = [envReference, plaintextEnv];

/** Per-object findings cached by identity (the store replaces an object when it changes). */
function cachedBy(detect: (obj: KObject) => Finding[]): (obj: KObject) => Finding[] {
  const cache = new WeakMap<KObject, Finding[]>();
  return (obj) => {
    let found = cache.get(obj);
    if (!found) {
      try {
        found = detect(obj);
      } catch (err) {
        process.emitWarning(`secrets check failed on ${obj.kind} ${obj.metadata.name}: ${String(err)}`);
        found = [];
      }
      cache.set(obj, found);
    }
    return found;
  };
}

const RBAC_KINDS = ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"];

/** A namespace's part, with the readers of its Secrets for the model. */
interface SecretsPart extends EnginePart {
  readers: Map<string, SecretReader[]>;
}

export function secretsEngine(): Engine {
  const specRunner = new WorkloadCheckRunner(specChecks);
  const configMapFindings = cachedBy((cm) => plaintextConfigMap.detect(cm));
  const lastAppliedFindings = cachedBy((s) => lastApplied.detect(s));
  const defaultSaFindings = cachedBy((sa) => defaultSaAutomount.detect(sa));
  const cache = new PartCache<SecretsPart>();
  const partOf = (ns: string, ctx: AnalysisContext, rbac: RbacModel | undefined): SecretsPart => {
    const { store } = ctx;
    const objects = objectsOfKindsIn(store, WORKLOAD_KINDS, ns);
    const secrets = objectsIn(store, "Secret", ns);
    // Token ranking reads the ServiceAccounts of the namespace and the rbac model, which
    // this part is keyed on: a runner for this computation only, no identity cache to outlive them.
    const tokenFindings = new WorkloadCheckRunner([tokenAutomount]).runObjects(objects, ctx);
    const readers = analyzeReadersOf(
      rbac,
      objects.map(workloadOf).filter((w): w is Workload => !!w),
      secrets,
    );
    const findings: Finding[] = [...specRunner.runObjects(objects, ctx), ...tokenFindings];
    for (const cm of objectsIn(store, "ConfigMap", ns)) for (const f of configMapFindings(cm)) findings.push(f);
    for (const s of secrets) for (const f of lastAppliedFindings(s)) findings.push(f);
    for (const s of secrets) for (const f of legacyToken.detect(s, rbac)) findings.push(f);
    for (const f of readers.findings) findings.push(f);
    for (const sa of objectsIn(store, "ServiceAccount", ns)) for (const f of defaultSaFindings(sa)) findings.push(f);
    return { findings, readers: readers.readers };
  };
  const checks = [
    ...specChecks,
    tokenAutomount,
    defaultSaAutomount,
    plaintextConfigMap,
    lastApplied,
    legacyToken,
    broadReaders,
  ];
  // A namespace's part reads its own objects and what the checks declare: the rbac model
  // (the rbac engine keeps the same model while RBAC objects are unchanged).
  const declared = readsOf(checks);
  const stamp = partStamp(declared);
  return {
    name: "secrets",
    checks,
    // Kinds the engine walks itself; the rbac model (and so RBAC kinds) through `after`.
    inputs: inputsOf([...WORKLOAD_KINDS, "ServiceAccount", "Secret", "ConfigMap"], declared),
    // Token power and readers come from RBAC; object checks say reads: { kinds: [] } themselves.
    reads: ["ServiceAccount", "Secret", ...RBAC_KINDS],
    after: declared.models,
    run(ctx) {
      const rbac = ctx.models.rbac;
      const parts = cache.update(
        partitionKeys(ctx.store),
        (ns) => stamp.deps(ctx.store, ctx.models, ns),
        (ns) => partOf(ns, ctx, rbac),
        (kept, ns) => stamp.same(kept, ctx.store, ctx.models, ns),
      );
      const model: SecretsModel = {
        readersOf: (ns, name) => parts.get(partKeyOf(ns))?.readers.get(`${ns}/${name}`) ?? [],
      };
      return partitionedOutput(parts, { model });
    },
  };
}

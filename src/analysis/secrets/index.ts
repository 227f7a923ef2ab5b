// Secret exposure panel: env references, plaintext credentials, last-applied
// leaks, powerful mounted tokens, legacy tokens and who can read each Secret.
// Secret values never reach here: projection keeps key names only.

import type { KObject } from "../../cluster/objects.js";
import { WORKLOAD_KINDS } from "../../cluster/objects.js";
import { sameObjects } from "../../store/store.js";
import type { Engine, WorkloadCheck } from "../engine.js";
import type { Finding } from "../finding.js";
import type { RbacModel } from "../models.js";
import { WorkloadCheckRunner } from "../workload-checks.js";
import { envReference } from "./env-reference.js";
import { lastApplied } from "./last-applied.js";
import { legacyToken } from "./legacy-token.js";
import { plaintextConfigMap } from "./plaintext-configmap.js";
import { plaintextEnv } from "./plaintext-env.js";
import { analyzeReaders, broadReaders } from "./readers.js";
import { tokenAutomount } from "./token-automount.js";

/** Checks that read one pod spec only: cached by object identity. */
const specChecks: readonly WorkloadCheck[] = [envReference, plaintextEnv];

const RBAC_KINDS = ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"];

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

export function secretsEngine(): Engine {
  const specRunner = new WorkloadCheckRunner(specChecks);
  const configMapFindings = cachedBy((cm) => plaintextConfigMap.detect(cm));
  const lastAppliedFindings = cachedBy((s) => lastApplied.detect(s));
  let tokens: { rbac: RbacModel | undefined; sas: KObject[]; runner: WorkloadCheckRunner } | undefined;
  return {
    name: "secrets",
    checks: [...specChecks, tokenAutomount, plaintextConfigMap, lastApplied, legacyToken, broadReaders],
    inputs: [...WORKLOAD_KINDS, "ServiceAccount", "Secret", "ConfigMap", ...RBAC_KINDS],
    after: ["rbac"],
    run(ctx) {
      const rbac = ctx.models.get("rbac") as RbacModel | undefined;
      // Token ranking depends on RBAC and ServiceAccounts, not only on the pod: the runner's
      // identity cache holds only while the rbac model and every ServiceAccount are the same.
      const sas = ctx.store.list("ServiceAccount");
      if (!tokens || tokens.rbac !== rbac || !sameObjects(tokens.sas, sas))
        tokens = { rbac, sas, runner: new WorkloadCheckRunner([tokenAutomount]) };
      const tokenFindings = tokens.runner.run(ctx);
      const readers = analyzeReaders(ctx.store, rbac);
      const secrets = ctx.store.list("Secret");
      return {
        findings: [
          ...specRunner.run(ctx),
          ...tokenFindings,
          ...ctx.store.list("ConfigMap").flatMap(configMapFindings),
          ...secrets.flatMap(lastAppliedFindings),
          ...secrets.flatMap((s) => legacyToken.detect(s, rbac)),
          ...readers.findings,
        ],
        model: readers.model,
      };
    },
  };
}

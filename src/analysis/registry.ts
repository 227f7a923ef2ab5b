// Every engine, in the order they run (later engines may read earlier models),
// and the check catalog they form.

import { clusterEngine } from "./cluster/index.js";
import { correlateEngine } from "./correlate/index.js";
import type { CheckDef, Engine } from "./engine.js";
import type { CheckMeta } from "./finding.js";
import { imagesEngine } from "./images/index.js";
import { exposureEngine } from "./network/exposure.js";
import { networkEngine } from "./network/index.js";
import { podsEngine } from "./pods/index.js";
import { rbacEngine } from "./rbac/index.js";
import { secretsEngine } from "./secrets/index.js";
import { supplyEngine } from "./supply/index.js";

/** Fresh engines (engines keep per-run caches, so each analyzer gets its own). */
export function createEngines(): Engine[] {
  return [
    podsEngine(),
    imagesEngine(),
    supplyEngine(),
    rbacEngine(),
    networkEngine(),
    exposureEngine(),
    secretsEngine(),
    correlateEngine(),
    clusterEngine(),
  ];
}

let catalogCache: Map<string, CheckDef> | undefined;

/** Every check by id, from every engine. */
export function checkCatalog(): Map<string, CheckDef> {
  if (!catalogCache) {
    catalogCache = new Map();
    for (const engine of createEngines()) {
      for (const c of engine.checks) {
        if (catalogCache.has(c.meta.id)) throw new Error(`duplicate check id ${c.meta.id}`);
        catalogCache.set(c.meta.id, c);
      }
    }
  }
  return catalogCache;
}

export function checkMetas(): CheckMeta[] {
  return [...checkCatalog().values()].map((c) => c.meta).sort((a, b) => a.id.localeCompare(b.id));
}

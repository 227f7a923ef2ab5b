// Follow ownerReferences to the controller the user manages (DESIGN §4):
// Pod → ReplicaSet → Deployment, Pod → Job → CronJob.
import type { KObject, OwnerReference, ResourceRef } from "../cluster/objects.js";
import { refOf } from "../cluster/objects.js";
import type { Store } from "./store.js";

const MANAGED_OWNERS = new Set([
  "ReplicaSet",
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "Job",
  "CronJob",
  "ReplicationController",
]);

function controllerRef(obj: KObject): OwnerReference | undefined {
  const refs = obj.metadata.ownerReferences;
  return refs.find((r) => r.controller) ?? refs.find((r) => MANAGED_OWNERS.has(r.kind));
}

export interface OwnerChain {
  /** From the object itself up to the top controller. */
  chain: ResourceRef[];
  /** The object a fix should target. */
  top: ResourceRef;
  /** The top object when the store has it. */
  topObject: KObject | undefined;
  /** An owner named in ownerReferences that the store does not hold. */
  missingOwner?: ResourceRef;
}

/** Where a fix for an object goes: its top controller (or the owner the store lacks). */
export type OwnerTop = Pick<OwnerChain, "top" | "topObject">;

/**
 * Tops of ownerChain for one analysis pass (every engine asks for every workload's, and
 * the store does not change during a pass): one pointer per object, the top object or
 * the ref of an owner the store lacks. It lives as long as the pass that made it.
 */
export class OwnerTops {
  private readonly tops = new WeakMap<KObject, KObject | ResourceRef>();

  constructor(private readonly store: Store) {}

  /** The top of ownerChain (treat the result as read-only). */
  of(obj: KObject): OwnerTop {
    let top = this.tops.get(obj);
    if (top === undefined) {
      const chain = ownerChain(this.store, obj);
      this.tops.set(obj, (top = chain.topObject ?? chain.top));
    }
    return "metadata" in top
      ? { top: refOf(top as KObject), topObject: top as KObject }
      : { top, topObject: undefined };
  }
}

export function ownerChain(store: Store, obj: KObject): OwnerChain {
  const chain: ResourceRef[] = [refOf(obj)];
  let current = obj;
  const seen = new Set([obj.metadata.uid]);
  for (;;) {
    const ref = controllerRef(current);
    if (!ref || !MANAGED_OWNERS.has(ref.kind)) break;
    const ns = current.metadata.namespace;
    const owner = (ref.uid && store.get(ref.kind, ref.uid)) || store.getByName(ref.kind, ns, ref.name);
    if (!owner) {
      const missing: ResourceRef = { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name };
      if (ns) missing.namespace = ns;
      return {
        chain: [...chain, missing],
        top: missing,
        topObject: undefined,
        missingOwner: missing,
      };
    }
    if (seen.has(owner.metadata.uid)) break; // an ownership cycle: stop rather than loop
    seen.add(owner.metadata.uid);
    chain.push(refOf(owner));
    current = owner;
  }
  return { chain, top: refOf(current), topObject: current };
}

/** Tops per store, replaced when the store changes (for callers outside an analysis pass). */
const byStore = new WeakMap<Store, { version: number; tops: OwnerTops }>();

/** The top of ownerChain, memoised while the store is unchanged (treat the result as read-only). */
export function cachedOwnerTop(store: Store, obj: KObject): OwnerTop {
  let m = byStore.get(store);
  if (!m || m.version !== store.version)
    byStore.set(store, (m = { version: store.version, tops: new OwnerTops(store) }));
  return m.tops.of(obj);
}

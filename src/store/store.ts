// The only mutable state shared by the analysis and the views (DESIGN §1):
// slim objects keyed by kind and uid, with the indexes the engines need.
import { type KObject, POD_TEMPLATE_PATHS } from "../cluster/objects.js";
import { serviceAccountNameIn, valueAt } from "../cluster/podspec.js";
import type { KindState, SourceEvent } from "../cluster/source.js";

export interface Change {
  type: "added" | "modified" | "deleted";
  kind: string;
  object: KObject;
  previous?: KObject;
}

export interface KindStatus {
  state: KindState;
  synced: boolean;
  message?: string;
}

type Listener = (changes: Change[]) => void;

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

/** The inner map of `outer` at `key`, made when missing. */
function inner<K, M>(outer: Map<K, M>, key: K, make: () => M): M {
  let m = outer.get(key);
  if (m === undefined) outer.set(key, (m = make()));
  return m;
}

function serviceAccountOf(obj: KObject): string | undefined {
  const path = POD_TEMPLATE_PATHS[obj.kind];
  if (!path) return undefined;
  const node = valueAt(obj, path);
  if (typeof node !== "object" || node === null) return undefined;
  return serviceAccountNameIn(node as Record<string, unknown>);
}

/**
 * Same elements (by identity) in the same order. The store replaces an object when it changes and
 * lists a kind (or a namespace of a kind) in insertion order, so an unchanged list
 * compares equal: engines use this to reuse work from the last run.
 */
export function sameObjects<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class Store {
  private readonly byKind = new Map<string, Map<string, KObject>>();
  // Indexes keyed kind → namespace (→ name) in nested maps: no key string is built per
  // object or per lookup (a joined key was a tree of concatenations to flatten and hash
  // each time: ~5 % of a first analysis, ~30 bytes an object kept).
  /** Objects by kind, then namespace ("" for none), in insertion order. */
  private readonly byNs = new Map<string, Map<string, Set<KObject>>>();
  private readonly byOwnerUid = new Map<string, Set<KObject>>();
  private readonly bySa = new Map<string, Set<KObject>>();
  /** The object of each kind, namespace and name (the last one put, should two uids share a name). */
  private readonly byName = new Map<string, Map<string, Map<string, KObject>>>();
  private readonly status = new Map<string, KindStatus>();
  private readonly listeners = new Set<Listener>();
  /** Per-namespace and per-kind change counters (see namespaceVersion, kindVersion). */
  private readonly nsVersions = new Map<string, number>();
  private readonly kindVersions = new Map<string, number>();
  /** store.namespaces(), dropped when a namespace bucket or a Namespace object comes or goes. */
  private namespaceList: string[] | undefined;
  /** Bumped on every applied batch that changed something. */
  version = 0;
  lastEventAt: number | undefined;

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies a batch of source events and notifies listeners once. */
  apply(events: readonly SourceEvent[]): Change[] {
    const changes: Change[] = [];
    let statusChanged = false;
    for (const e of events) {
      if (e.type === "synced") {
        this.setStatus(e.kind, { synced: true });
        statusChanged = true;
      } else if (e.type === "status") {
        this.setStatus(e.kind, { state: e.state, message: e.message });
        statusChanged = true;
      } else if (e.type === "deleted") {
        const prev = this.remove(e.object.kind, e.object.metadata.uid);
        if (prev) changes.push({ type: "deleted", kind: prev.kind, object: prev });
      } else {
        const prev = this.put(e.object);
        changes.push({
          type: prev ? "modified" : "added",
          kind: e.object.kind,
          object: e.object,
          previous: prev,
        });
      }
    }
    if (changes.length || statusChanged) {
      this.version++;
      if (changes.length) this.lastEventAt = Date.now();
      for (const l of this.listeners) l(changes);
    }
    return changes;
  }

  /** Forgets every object and kind status (a context switch); listeners see the deletions. */
  clear(): void {
    const events: SourceEvent[] = [];
    for (const m of this.byKind.values()) for (const o of m.values()) events.push({ type: "deleted", object: o });
    this.status.clear();
    if (!this.apply(events).length) {
      this.version++;
      for (const l of this.listeners) l([]);
    }
  }

  private setStatus(kind: string, patch: Partial<KindStatus>): void {
    const cur = this.status.get(kind) ?? { state: "connecting", synced: false };
    const next = { ...cur, ...patch };
    if (
      patch.state &&
      patch.state !== "error" &&
      patch.state !== "forbidden" &&
      !("message" in patch && patch.message)
    ) {
      delete next.message;
    }
    this.status.set(kind, next);
  }

  private touch(obj: KObject): void {
    const ns = obj.metadata.namespace ?? "";
    this.nsVersions.set(ns, (this.nsVersions.get(ns) ?? 0) + 1);
    if (obj.kind === "Namespace")
      this.nsVersions.set(obj.metadata.name, (this.nsVersions.get(obj.metadata.name) ?? 0) + 1);
    this.kindVersions.set(obj.kind, (this.kindVersions.get(obj.kind) ?? 0) + 1);
  }

  /**
   * A counter bumped whenever an object in `namespace` is added, modified or deleted
   * ("" = objects without a namespace), and when the Namespace object of that name
   * changes. Engines keep per-namespace results while it is the same.
   */
  namespaceVersion(namespace: string): number {
    return this.nsVersions.get(namespace) ?? 0;
  }

  /** A counter bumped whenever an object of `kind` is added, modified or deleted. */
  kindVersion(kind: string): number {
    return this.kindVersions.get(kind) ?? 0;
  }

  private put(obj: KObject): KObject | undefined {
    this.touch(obj);
    let m = this.byKind.get(obj.kind);
    if (!m) this.byKind.set(obj.kind, (m = new Map()));
    const prev = m.get(obj.metadata.uid);
    if (prev) {
      this.touch(prev); // its namespace too, should the new object name another one
      this.unindex(prev);
    }
    m.set(obj.metadata.uid, obj);
    this.index(obj);
    return prev;
  }

  private remove(kind: string, uid: string): KObject | undefined {
    const m = this.byKind.get(kind);
    const prev = m?.get(uid);
    if (!m || !prev) return undefined;
    this.touch(prev);
    m.delete(uid);
    this.unindex(prev);
    return prev;
  }

  private index(obj: KObject): void {
    const ns = obj.metadata.namespace ?? "";
    const kindNs = inner(this.byNs, obj.kind, () => new Map<string, Set<KObject>>());
    if (obj.kind === "Namespace" || !kindNs.has(ns)) this.namespaceList = undefined;
    addTo(kindNs, ns, obj);
    for (const o of obj.metadata.ownerReferences) if (o.uid) addTo(this.byOwnerUid, o.uid, obj);
    const sa = serviceAccountOf(obj);
    if (sa) addTo(this.bySa, `${ns}/${sa}`, obj);
    const names = inner(
      inner(this.byName, obj.kind, () => new Map<string, Map<string, KObject>>()),
      ns,
      () => new Map(),
    );
    names.set(obj.metadata.name, obj);
  }

  private unindex(obj: KObject): void {
    const ns = obj.metadata.namespace ?? "";
    const kindNs = this.byNs.get(obj.kind);
    if (kindNs) {
      removeFrom(kindNs, ns, obj);
      if (obj.kind === "Namespace" || !kindNs.has(ns)) this.namespaceList = undefined;
    }
    for (const o of obj.metadata.ownerReferences) if (o.uid) removeFrom(this.byOwnerUid, o.uid, obj);
    const sa = serviceAccountOf(obj);
    if (sa) removeFrom(this.bySa, `${ns}/${sa}`, obj);
    const kindNames = this.byName.get(obj.kind);
    const names = kindNames?.get(ns);
    if (names?.get(obj.metadata.name) === obj) {
      names.delete(obj.metadata.name);
      if (names.size === 0) kindNames!.delete(ns);
    }
  }

  get(kind: string, uid: string): KObject | undefined {
    return this.byKind.get(kind)?.get(uid);
  }

  getByName(kind: string, namespace: string | undefined, name: string): KObject | undefined {
    return this.byName
      .get(kind)
      ?.get(namespace ?? "")
      ?.get(name);
  }

  list(kind: string): KObject[] {
    return [...(this.byKind.get(kind)?.values() ?? [])];
  }

  count(kind: string): number {
    return this.byKind.get(kind)?.size ?? 0;
  }

  inNamespace(kind: string, namespace: string): KObject[] {
    return [...(this.byNs.get(kind)?.get(namespace) ?? [])];
  }

  /** Objects whose ownerReferences name `ownerUid`. */
  ownedBy(ownerUid: string): KObject[] {
    return [...(this.byOwnerUid.get(ownerUid) ?? [])];
  }

  /** Pods and pod templates that run as the given service account. */
  usingServiceAccount(namespace: string, name: string): KObject[] {
    return [...(this.bySa.get(`${namespace}/${name}`) ?? [])];
  }

  namespaces(): string[] {
    // Kept until a namespace may have come or gone: every engine asks on every analysis.
    this.namespaceList ??= this.computeNamespaces();
    return this.namespaceList.slice();
  }

  private computeNamespaces(): string[] {
    const names = new Set(this.list("Namespace").map((n) => n.metadata.name));
    for (const kindNs of this.byNs.values()) for (const ns of kindNs.keys()) if (ns) names.add(ns);
    return [...names].sort();
  }

  kindStatus(kind: string): KindStatus | undefined {
    return this.status.get(kind);
  }

  statuses(): Map<string, KindStatus> {
    return new Map(this.status);
  }
}

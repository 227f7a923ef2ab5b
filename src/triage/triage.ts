// Which findings the team has accepted (DESIGN §5): the config file's exceptions, the
// accept.kubeward.io/<check> annotation on the object, its owning controllers or its
// namespace, and the kubeaudit/Polaris overrides already on them. Read-only toward the
// cluster. Verdicts are kept per finding (findings are immutable, a changed object gives
// new ones) and dropped whenever something that accepts may have changed: the
// exceptions, an object carrying a triage label or annotation, or the day.
import type { Finding } from "../analysis/finding.js";
import { type KObject, type ResourceRef, refLabel } from "../cluster/objects.js";
import { ownerChain } from "../store/owner.js";
import type { Change, Store } from "../store/store.js";
import { type Acceptance, type ConfigException, isExpired, today, validDate } from "./exceptions.js";
import {
  ACCEPT_PREFIX,
  isTriageKey,
  KUBEAUDIT_CONTAINER_PREFIXES,
  KUBEAUDIT_NAMESPACE_PREFIX,
  KUBEAUDIT_POD_PREFIXES,
  POLARIS_EXEMPT_ALL,
  POLARIS_PREFIX,
  peersOf,
} from "./overrides.js";

export interface Verdict {
  /** The acceptance in force. */
  accepted?: Acceptance;
  /** An acceptance whose date has passed (only when none is in force). */
  expired?: Acceptance;
}

const NONE: Verdict = Object.freeze({});

/** Does this object carry a label or annotation triage reads? */
export function carriesTriageKeys(obj: KObject | undefined): boolean {
  if (!obj) return false;
  const m = obj.metadata;
  for (const k in m.annotations) if (isTriageKey(k)) return true;
  for (const k in m.labels) if (isTriageKey(k)) return true;
  const template = templateLabels(obj);
  if (template) for (const k in template) if (isTriageKey(k)) return true;
  return false;
}

/** Pod template labels of a controller (kubeaudit reads overrides there too), defensively. */
function templateLabels(obj: KObject): Record<string, string> | undefined {
  const spec = obj.spec;
  const t = spec?.template?.metadata?.labels ?? spec?.jobTemplate?.spec?.template?.metadata?.labels;
  return t && typeof t === "object" ? (t as Record<string, string>) : undefined;
}

/** `accept.kubeward.io/<check>` value: "<reason>[; expires=YYYY-MM-DD][; by=NAME]". */
export function parseAcceptValue(value: string, source: string): Acceptance | undefined {
  const reason: string[] = [];
  const a: Acceptance = { reason: "", source };
  for (const part of value.split(";")) {
    const m = /^\s*(expires|by)\s*=\s*(.*?)\s*$/.exec(part);
    if (m?.[1] === "expires") {
      const d = validDate(m[2]!);
      if (!d) return undefined; // a date that cannot be read never accepts
      a.expires = d;
    } else if (m?.[1] === "by") {
      if (m[2]) a.by = m[2];
    } else if (part.trim()) reason.push(part.trim());
  }
  a.reason = reason.join("; ") || "(no reason given in the annotation)";
  return a;
}

export class Triage {
  private exceptions: readonly ConfigException[] = [];
  private memo = new WeakMap<Finding, Verdict>();
  /** Uids of stored objects that carry triage labels/annotations: none means none to look up. */
  private readonly annotated = new Set<string>();
  private day: string;
  /** Bumped whenever verdicts may have changed (consumers recompute then). */
  epoch = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.day = today(now());
    for (const kind of ["Namespace"]) for (const o of store.list(kind)) this.track(o, true);
    this.unsubscribe = store.subscribe((changes) => this.onChanges(changes));
  }

  dispose(): void {
    this.unsubscribe();
  }

  /** The config file's exceptions (replaced when the file is re-read, e.g. after `x`). */
  setExceptions(exceptions: readonly ConfigException[]): void {
    this.fileExceptions = exceptions;
    this.exceptions = [...exceptions, ...this.builtIn];
    this.bump();
  }

  /** Exceptions that come with the source (the demo's own config), after the file's. */
  setBuiltInExceptions(exceptions: readonly ConfigException[]): void {
    this.builtIn = exceptions;
    this.setExceptions(this.fileExceptions);
  }

  private fileExceptions: readonly ConfigException[] = [];
  private builtIn: readonly ConfigException[] = [];

  /** False while nothing can accept (no exceptions, no object carrying triage keys): consumers skip the work. */
  get active(): boolean {
    return this.exceptions.length > 0 || this.annotated.size > 0;
  }

  get exceptionCount(): number {
    return this.exceptions.length;
  }

  /** Re-reads the day: exceptions expire at midnight UTC. */
  tick(): void {
    const d = today(this.now());
    if (d !== this.day) {
      this.day = d;
      this.bump();
    }
  }

  private bump(): void {
    this.epoch++;
    this.memo = new WeakMap();
  }

  private track(obj: KObject, present: boolean): boolean {
    const has = present && carriesTriageKeys(obj);
    const had = this.annotated.has(obj.metadata.uid);
    if (has) this.annotated.add(obj.metadata.uid);
    else this.annotated.delete(obj.metadata.uid);
    return has || had;
  }

  private onChanges(changes: readonly Change[]): void {
    let relevant = false;
    for (const c of changes) {
      const had = c.previous ? carriesTriageKeys(c.previous) : false;
      if (this.track(c.object, c.type !== "deleted") || had) relevant = true;
    }
    if (relevant) this.bump();
  }

  accepts(f: Finding): boolean {
    return this.verdict(f).accepted !== undefined;
  }

  verdict(f: Finding): Verdict {
    let v = this.memo.get(f);
    if (!v) {
      try {
        v = this.evaluate(f);
      } catch {
        v = NONE; // invariant 5: a hostile object never takes triage down
      }
      this.memo.set(f, v);
    }
    return v;
  }

  /**
   * The object behind a ref and its owning controllers, kept per ref (findings of one
   * object share their ref) while the store is unchanged: 50,000 findings on 20,000
   * objects walk each owner chain once.
   */
  private chains: { version: number; byRef: WeakMap<ResourceRef, KObject[]> } = {
    version: -1,
    byRef: new WeakMap(),
  };

  private chainOf(r: ResourceRef): KObject[] {
    if (this.chains.version !== this.store.version) this.chains = { version: this.store.version, byRef: new WeakMap() };
    let objects = this.chains.byRef.get(r);
    if (objects) return objects;
    objects = [];
    const obj = this.store.getByName(r.kind, r.namespace, r.name);
    if (obj) {
      objects.push(obj);
      for (const ref of ownerChain(this.store, obj).chain.slice(1)) {
        const o = this.store.getByName(ref.kind, ref.namespace, ref.name);
        if (o) objects.push(o);
      }
    }
    this.chains.byRef.set(r, objects);
    return objects;
  }

  private evaluate(f: Finding): Verdict {
    if (!this.exceptions.length && !this.annotated.size) return NONE;
    const chain = (): KObject[] => this.chainOf(f.resource);
    let expired: Acceptance | undefined;
    const consider = (a: Acceptance | undefined): Acceptance | undefined => {
      if (!a) return undefined;
      if (!isExpired(a, this.day)) return a;
      expired ??= a;
      return undefined;
    };
    for (const e of this.exceptions) {
      if (!matchesException(e, f, chain)) continue;
      const a = consider(e.acceptance);
      if (a) return { accepted: a };
    }
    if (this.annotated.size) {
      const a = this.fromObjects(f, chain());
      if (a) return { accepted: a };
      // fromObjects reports its expired ones through the same path
      if (this.lastExpired) expired ??= this.lastExpired;
    }
    return expired ? { expired } : NONE;
  }

  private lastExpired: Acceptance | undefined;

  /** Annotations and peers' overrides on the object, its owners and its namespace. */
  private fromObjects(f: Finding, all: readonly KObject[]): Acceptance | undefined {
    this.lastExpired = undefined;
    // Only objects that carry triage keys can accept: most findings have none in their chain.
    const objects = all.filter((o) => this.annotated.has(o.metadata.uid));
    const ns = f.resource.namespace;
    const nsObj =
      f.resource.kind === "Namespace" ? undefined : ns ? this.store.getByName("Namespace", undefined, ns) : undefined;
    const carriers = nsObj && this.annotated.has(nsObj.metadata.uid) ? [...objects, nsObj] : objects;
    if (!carriers.length) return undefined;
    const found: Acceptance[] = [];
    const key = ACCEPT_PREFIX + f.check;
    for (const o of carriers) {
      const v = o.metadata.annotations[key];
      if (v !== undefined) {
        const a = parseAcceptValue(v, `annotation:${objLabel(o)} ${key}`);
        if (a) found.push(a);
      }
    }
    const peers = cachedPeers(f.check);
    for (const o of objects) {
      for (const ov of peers.kubeaudit) {
        const labels = { ...templateLabels(o), ...o.metadata.labels };
        const hit = kubeauditHit(labels, ov.override, ov.prefix === true, f);
        if (hit) found.push(kubeauditAcceptance(hit.key, hit.value, o));
      }
    }
    if (f.resource.kind === "Namespace" && objects[0]) {
      const labels = objects[0].metadata.labels;
      for (const ov of peers.kubeaudit) {
        const k = KUBEAUDIT_NAMESPACE_PREFIX + ov.override;
        if (labels[k] !== undefined) found.push(kubeauditAcceptance(k, labels[k]!, objects[0]));
      }
    }
    if (peers.polaris.length) {
      for (const o of objects) {
        const ann = o.metadata.annotations;
        const keys = [POLARIS_EXEMPT_ALL, ...peers.polaris.map((p) => `${POLARIS_PREFIX}${p}-exempt`)];
        for (const k of keys) {
          if (ann[k]?.toLowerCase() === "true")
            found.push({ reason: `Polaris exemption ${k}`, source: `polaris:${objLabel(o)} ${k}` });
        }
      }
    }
    for (const a of found) {
      if (!isExpired(a, this.day)) return a;
      this.lastExpired ??= a;
    }
    return undefined;
  }
}

const peerCache = new Map<string, ReturnType<typeof peersOf>>();
function cachedPeers(check: string): ReturnType<typeof peersOf> {
  let p = peerCache.get(check);
  if (!p) peerCache.set(check, (p = peersOf(check)));
  return p;
}

function kubeauditAcceptance(key: string, value: string, o: KObject): Acceptance {
  const v = value.trim();
  const reason = v && v.toLowerCase() !== "true" ? v : `kubeaudit override ${key}`;
  return { reason, source: `kubeaudit:${objLabel(o)} ${key}` };
}

/** The override label on `labels` that covers finding `f`, if any. */
function kubeauditHit(
  labels: Record<string, string>,
  override: string,
  family: boolean,
  f: Finding,
): { key: string; value: string } | undefined {
  const candidates: string[] = [];
  if (f.container) for (const p of KUBEAUDIT_CONTAINER_PREFIXES) candidates.push(`${p}${f.container}.${override}`);
  for (const p of KUBEAUDIT_POD_PREFIXES) candidates.push(p + override);
  if (!family) {
    for (const k of candidates) if (labels[k] !== undefined) return { key: k, value: labels[k]! };
    return undefined;
  }
  // A family (allow-capability-<cap>, allow-host-path-mount-<volume>): the suffix names what is allowed.
  const evidence = `${f.message} ${f.path ?? ""}`.toUpperCase().replace(/-/g, "_");
  for (const key in labels) {
    for (const k of candidates) {
      if (!key.startsWith(k)) continue;
      const what = key.slice(k.length).toUpperCase().replace(/-/g, "_");
      if (what && evidence.includes(what)) return { key, value: labels[key]! };
    }
  }
  return undefined;
}

function matchesException(e: ConfigException, f: Finding, chain: () => KObject[]): boolean {
  if (!e.check(f.check)) return false;
  const r = f.resource;
  if (e.namespace && (r.namespace === undefined || !e.namespace(r.namespace))) return false;
  if (e.container && (f.container === undefined || !e.container(f.container))) return false;
  if (!e.kind && !e.name) return true;
  const fits = (kind: string, name: string) =>
    (!e.kind || e.kind.toLowerCase() === kind.toLowerCase()) && (!e.name || e.name(name));
  if (fits(r.kind, r.name)) return true;
  return chain()
    .slice(1)
    .some((o) => fits(o.kind, o.metadata.name));
}

function objLabel(o: KObject): string {
  return refLabel({
    kind: o.kind,
    name: o.metadata.name,
    ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
  });
}

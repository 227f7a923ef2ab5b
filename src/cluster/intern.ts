// Hash-consing of projected objects (DESIGN §1): the pods of one controller carry
// near-identical specs, so equal subtrees (containers, env, securityContext,
// volumes, label maps) and equal strings are kept once and shared. A value
// interned here is deep-equal to the value given (same keys in the same order),
// so nothing that reads it can tell — but a shared subtree must never be mutated:
// store objects are read-only (copy before changing, as the fix planner does).
import type { Json } from "../util/record.js";

/** Entries kept before the tables are dropped and sharing starts afresh (bounds the tables' memory). */
const MAX_ENTRIES = 1 << 20;
/** Longer strings (config files, certificates) are rarely equal: not worth a table entry. */
const MAX_STRING = 256;
/** Deeper values are kept as they are (JSON from the API server is never this deep). */
const MAX_DEPTH = 64;
/** Hash of a value that is never shared (not plain JSON): its parents are not shared either. */
const UNIQUE = -1;

function isPlain(v: object): boolean {
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function mix(h: number, x: number): number {
  h = Math.imul(h ^ x, 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

/** Same keys in the same order with identical values (children are already interned). */
function sameShallow(a: object, b: object): boolean {
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]!;
    if (k !== kb[i] || (a as Json)[k] !== (b as Json)[k]) return false;
  }
  return true;
}

export class Interner {
  /** Interned strings by value, with a small id each for hashing. */
  private strings = new Map<string, number>();
  private stringList: string[] = [];
  /** Interned objects and arrays by content hash (a bucket on collision). */
  private nodes = new Map<number, object>();
  private entries = 0;
  /** Hash of the last value interned (UNIQUE when it cannot be shared). */
  private hash = 0;

  /** A string equal to `s`, shared with every earlier equal string. */
  string(s: string): string {
    this.stringId(s);
    return this.hash === UNIQUE ? s : this.stringList[this.hash]!;
  }

  /** A value deep-equal to `v` whose plain-JSON subtrees are shared with equal earlier ones. */
  value<T>(v: T): T {
    if (this.entries > MAX_ENTRIES) this.reset();
    return this.intern(v, 0) as T;
  }

  private reset(): void {
    this.strings = new Map();
    this.stringList = [];
    this.nodes = new Map();
    this.entries = 0;
  }

  /** Sets this.hash to the string's id (UNIQUE for long strings). */
  private stringId(s: string): void {
    if (s.length > MAX_STRING) {
      this.hash = UNIQUE;
      return;
    }
    let id = this.strings.get(s);
    if (id === undefined) {
      id = this.stringList.length;
      this.strings.set(s, id);
      this.stringList.push(s);
      this.entries++;
    }
    this.hash = id;
  }

  private intern(v: unknown, depth: number): unknown {
    switch (typeof v) {
      case "string": {
        this.stringId(v);
        if (this.hash === UNIQUE) return v;
        const s = this.stringList[this.hash]!;
        this.hash = mix(0x5bd1e995, this.hash);
        return s;
      }
      case "number":
        this.hash = mix(0x27d4eb2f, Number.isInteger(v) ? v | 0 : Math.round(v * 1e6) | 0);
        return v;
      case "boolean":
        this.hash = v ? 0x165667b1 : 0x3c6ef372;
        return v;
      case "object":
        if (v === null) {
          this.hash = 0x1b873593;
          return v;
        }
        break;
      default:
        this.hash = 0x0badf00d;
        return v;
    }
    if (depth > MAX_DEPTH || !isPlain(v)) {
      this.hash = UNIQUE;
      return v;
    }
    let unique = false;
    let h: number;
    let node: object;
    if (Array.isArray(v)) {
      const out: unknown[] = new Array(v.length);
      h = mix(0x61c88647, v.length);
      for (let i = 0; i < v.length; i++) {
        out[i] = this.intern(v[i], depth + 1);
        if (this.hash === UNIQUE) unique = true;
        else h = mix(h, this.hash);
      }
      node = out;
    } else {
      const out: Json = {};
      h = 0x7f4a7c15;
      // Object.keys: own keys only, without a hasOwn call per key.
      const keys = Object.keys(v as Json);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        // Keys are hashed by shape only (the comparison on a hit is exact): a table lookup per key costs more.
        h = mix(h, (k.length << 16) ^ (k.charCodeAt(0) << 8) ^ k.charCodeAt(k.length - 1));
        const value = this.intern((v as Json)[k], depth + 1);
        if (k === "__proto__") {
          // An own "__proto__" key (JSON.parse makes one) must stay a key, not become the prototype.
          Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
          unique = true;
          continue;
        }
        out[k] = value;
        if (this.hash === UNIQUE) unique = true;
        else h = mix(h, this.hash);
      }
      node = out;
    }
    if (unique) {
      this.hash = UNIQUE;
      return node;
    }
    this.hash = h;
    const found = this.nodes.get(h);
    if (found === undefined) {
      this.nodes.set(h, node);
    } else if (found instanceof Bucket) {
      for (const c of found.items) if (sameShallow(c, node)) return c;
      found.items.push(node);
    } else {
      if (sameShallow(found, node)) return found;
      this.nodes.set(h, new Bucket([found, node]));
    }
    this.entries++;
    // Frozen once it is in the table: a shared subtree changed through one object would change it for every object.
    return Object.freeze(node);
  }
}

/** Candidates sharing one hash (a class, so it is never mistaken for an interned array). */
class Bucket {
  constructor(readonly items: object[]) {}
}

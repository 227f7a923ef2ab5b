// Parses container image references the way the container runtime resolves
// them: docker.io is the default registry, single-name Docker Hub images live
// under library/, the first component is a registry host only when it looks
// like one (a dot, a port, or localhost), and a digest follows "@".

export interface ImageRef {
  /** Normalised registry host (index.docker.io → docker.io), with its port. */
  registry: string;
  /** Repository path without registry, e.g. library/nginx. */
  repository: string;
  tag?: string;
  /** e.g. sha256:abc… */
  digest?: string;
}

const DOCKER_HUB = new Set(["docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"]);

export function normalizeRegistry(host: string): string {
  const h = host.toLowerCase();
  return DOCKER_HUB.has(h) ? "docker.io" : h;
}

/** Parsed references by image string: a cluster runs a few hundred distinct images in thousands of containers. */
const parsed = new Map<string, ImageRef | null>();
const MAX_PARSED = 8192;

/** The reference an image string names (shared and frozen per string), or undefined if it is not one. */
export function parseImage(image: unknown): ImageRef | undefined {
  if (typeof image !== "string") return undefined;
  let ref = parsed.get(image);
  if (ref === undefined) {
    ref = parse(image) ?? null;
    if (ref) Object.freeze(ref);
    // Bounded: a hostile cluster with millions of distinct images restarts the table instead of growing it.
    if (parsed.size >= MAX_PARSED) parsed.clear();
    parsed.set(image, ref);
  }
  return ref ?? undefined;
}

function parse(image: string): ImageRef | undefined {
  const s = image.trim();
  if (!s || /\s/.test(s)) return undefined;
  const at = s.indexOf("@");
  const name = at >= 0 ? s.slice(0, at) : s;
  const digest = at >= 0 ? s.slice(at + 1) : undefined;
  if (!name || (digest !== undefined && !/^[a-z0-9]+([+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/.test(digest)))
    return undefined;
  // A tag is a ":" after the last "/" (a ":" before it is a registry port).
  const slash = name.lastIndexOf("/");
  const colon = name.lastIndexOf(":");
  const tag = colon > slash ? name.slice(colon + 1) : undefined;
  const path = colon > slash ? name.slice(0, colon) : name;
  if (tag === "" || path === "") return undefined;
  const first = path.split("/")[0]!;
  const hasRegistry = path.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
  const registry = normalizeRegistry(hasRegistry ? first : "docker.io");
  let repository = hasRegistry ? path.slice(first.length + 1) : path;
  if (registry === "docker.io" && !repository.includes("/")) repository = `library/${repository}`;
  const ref: ImageRef = { registry, repository };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

/** `latest` or no tag, and no digest: the image behind the name can change under a running workload. */
export function isMutable(ref: ImageRef): boolean {
  return !ref.digest && (ref.tag === undefined || ref.tag === "latest");
}

/**
 * Does `ref` come from a trusted registry entry? An entry is a host ("quay.io"),
 * a host with a path prefix ("registry.example.com/payments"), or "*.example.com".
 */
export function isTrusted(ref: ImageRef, trusted: readonly string[]): boolean {
  const full = `${ref.registry}/${ref.repository}`;
  return trusted.some((raw) => {
    const entry = raw.trim().replace(/\/+$/, "");
    if (!entry) return false;
    if (entry.startsWith("*.")) return ref.registry.endsWith(entry.slice(1).toLowerCase());
    const slash = entry.indexOf("/");
    const host = normalizeRegistry(slash >= 0 ? entry.slice(0, slash) : entry);
    if (slash < 0) return ref.registry === host;
    const prefix = `${host}/${entry.slice(slash + 1)}`;
    return full === prefix || full.startsWith(`${prefix}/`);
  });
}

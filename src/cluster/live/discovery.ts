// API discovery for optional kinds (CRDs such as trivy-operator reports or Kyverno
// policies, alpha APIs): which group versions the server serves (GET /api, /apis),
// then the resource lists of only the group versions kubeward wants. An absent
// group version or resource means "not installed", never an error.
import { isRecord } from "../../util/record.js";
import { ApiError } from "./errors.js";
import { JSON_ACCEPT, type Transport } from "./transport.js";

export interface Discovery {
  /** Every group version the server serves ("v1", "apps/v1", "aquasecurity.github.io/v1alpha1", …). */
  readonly groupVersions: ReadonlySet<string>;
  /** True when `plural` is a listable, watchable resource of `apiVersion`. */
  serves(apiVersion: string, plural: string): boolean;
  /**
   * Why the resource list of a served group version could not be read (403, 5xx);
   * undefined when it was read or the group version is not served.
   */
  problem?(apiVersion: string): ApiError | undefined;
}

/** The one request discovery makes (a Transport's getJson). */
export type DiscoveryTransport = Pick<Transport, "getJson">;

function resourcesPath(apiVersion: string): string {
  return apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : [];
}

function malformed(what: string): ApiError {
  return new ApiError(200, "BadResponse", `the API server sent a malformed discovery document (${what})`);
}

/**
 * Asks the server which group versions it serves and, for the group versions of
 * `wanted`, which resources. Throws (ApiError or a network error) when /api or
 * /apis cannot be read; the caller classifies it (a 403 there degrades only the
 * optional kinds).
 */
export async function discover(
  transport: DiscoveryTransport,
  signal: AbortSignal,
  wanted: readonly { apiVersion: string; plural: string }[],
): Promise<Discovery> {
  const [core, groups] = await Promise.all([
    transport.getJson("/api", JSON_ACCEPT, signal),
    transport.getJson("/apis", JSON_ACCEPT, signal),
  ]);
  const groupVersions = new Set<string>();
  if (!isRecord(core) || !Array.isArray(core.versions)) throw malformed("/api has no versions");
  for (const v of strings(core.versions)) groupVersions.add(v);
  if (!isRecord(groups) || !Array.isArray(groups.groups)) throw malformed("/apis has no groups");
  for (const g of groups.groups) {
    if (!isRecord(g) || !Array.isArray(g.versions)) continue;
    for (const v of g.versions)
      if (isRecord(v) && typeof v.groupVersion === "string") groupVersions.add(v.groupVersion);
  }

  const resources = new Map<string, Set<string>>();
  const problems = new Map<string, ApiError>();
  const needed = [...new Set(wanted.map((w) => w.apiVersion))].filter((gv) => groupVersions.has(gv));
  await Promise.all(
    needed.map(async (gv) => {
      try {
        const list = await transport.getJson(resourcesPath(gv), JSON_ACCEPT, signal);
        if (!isRecord(list) || !Array.isArray(list.resources)) throw malformed(`${gv} has no resources`);
        const names = new Set<string>();
        for (const r of list.resources) {
          if (!isRecord(r) || typeof r.name !== "string" || r.name.includes("/")) continue; // subresources
          const verbs = strings(r.verbs);
          // A resource that cannot be listed and watched is no use to a watcher.
          if (Array.isArray(r.verbs) && !(verbs.includes("list") && verbs.includes("watch"))) continue;
          names.add(r.name);
        }
        resources.set(gv, names);
      } catch (err) {
        if (signal.aborted) throw err;
        // 404: the group version went away between the two requests (a CRD being deleted).
        if (err instanceof ApiError && err.status === 404) groupVersions.delete(gv);
        else if (err instanceof ApiError) problems.set(gv, err);
        else throw err;
      }
    }),
  );

  return {
    groupVersions,
    serves: (apiVersion, plural) => resources.get(apiVersion)?.has(plural) ?? false,
    problem: (apiVersion) => problems.get(apiVersion),
  };
}

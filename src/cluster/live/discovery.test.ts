import { describe, expect, it } from "vitest";
import { listOf, podRaw } from "../../../test/support/fake-transport.js";
import { Store } from "../../store/store.js";
import { type KindInfo, kindInfo } from "../objects.js";
import type { SourceEvent } from "../source.js";
import { discover } from "./discovery.js";
import { ApiError } from "./errors.js";
import { runOptionalKinds } from "./optional-kinds.js";
import type { Transport, WatchEvent } from "./transport.js";
import { KindWatcher } from "./watcher.js";

/** Answers by path (discovery requests run concurrently, so a scripted order would not do). */
class RoutingTransport implements Transport {
  readonly server = "https://fake.invalid";
  readonly paths: string[] = [];
  constructor(private readonly routes: Record<string, unknown | (() => unknown)>) {}

  async getJson(path: string): Promise<unknown> {
    this.paths.push(path);
    const key = path.split("?")[0]!;
    const reply = key in this.routes ? this.routes[key] : new ApiError(404, "NotFound", `${key} not found`);
    const value = typeof reply === "function" ? (reply as () => unknown)() : reply;
    if (value instanceof Error) throw value;
    return value;
  }

  async watch(path: string, _accept: string, signal: AbortSignal, onOpen: () => void, _e: (e: WatchEvent) => void) {
    this.paths.push(path);
    onOpen();
    await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
  }
}

const REPORTS: KindInfo = kindInfo("VulnerabilityReport")!;
const POLICIES: KindInfo = {
  kind: "ClusterPolicy",
  apiVersion: "kyverno.io/v1",
  plural: "clusterpolicies",
  namespaced: false,
  optional: true,
};

const API = { kind: "APIVersions", versions: ["v1"] };
const groups = (...gvs: string[]) => ({
  kind: "APIGroupList",
  groups: gvs.map((gv) => ({
    name: gv.split("/")[0],
    versions: [{ groupVersion: gv, version: gv.split("/")[1] }],
    preferredVersion: { groupVersion: gv, version: gv.split("/")[1] },
  })),
});
const resources = (gv: string, ...rs: { name: string; verbs?: string[] }[]) => ({
  kind: "APIResourceList",
  groupVersion: gv,
  resources: rs.map((r) => ({ namespaced: true, kind: "X", verbs: ["get", "list", "watch"], ...r })),
});
const FORBIDDEN = () => new ApiError(403, "Forbidden", 'User "u" cannot get path "/apis"');

describe("discover", () => {
  it("reads /api and /apis, then only the resource lists of wanted group versions that are served", async () => {
    const t = new RoutingTransport({
      "/api": API,
      "/apis": groups("apps/v1", "aquasecurity.github.io/v1alpha1", "batch/v1"),
      "/apis/aquasecurity.github.io/v1alpha1": resources(
        "aquasecurity.github.io/v1alpha1",
        { name: "vulnerabilityreports" },
        { name: "vulnerabilityreports/status" },
        { name: "configauditreports" },
      ),
    });
    const d = await discover(t, new AbortController().signal, [REPORTS, POLICIES]);
    expect(d.groupVersions.has("apps/v1")).toBe(true);
    expect(d.groupVersions.has("v1")).toBe(true);
    expect(d.serves(REPORTS.apiVersion, "vulnerabilityreports")).toBe(true);
    expect(d.serves(REPORTS.apiVersion, "exposedsecretreports")).toBe(false);
    expect(d.serves(POLICIES.apiVersion, "clusterpolicies")).toBe(false);
    // kyverno.io/v1 is not served: its resource list is never asked for; nor are unwanted groups'.
    expect(t.paths.sort()).toEqual(["/api", "/apis", "/apis/aquasecurity.github.io/v1alpha1"]);
  });

  it("does not serve a resource that cannot be listed and watched, nor a subresource", async () => {
    const t = new RoutingTransport({
      "/api": API,
      "/apis": groups("kyverno.io/v1"),
      "/apis/kyverno.io/v1": resources(
        "kyverno.io/v1",
        { name: "clusterpolicies", verbs: ["get", "create"] },
        { name: "policies/status" },
      ),
    });
    const d = await discover(t, new AbortController().signal, [POLICIES]);
    expect(d.serves("kyverno.io/v1", "clusterpolicies")).toBe(false);
    expect(d.serves("kyverno.io/v1", "policies/status")).toBe(false);
    expect(d.serves("kyverno.io/v1", "policies")).toBe(false);
  });

  it("treats a group version that vanished (404) as not served, and keeps a 403 on its list as a problem", async () => {
    const t = new RoutingTransport({
      "/api": API,
      "/apis": groups("kyverno.io/v1", "aquasecurity.github.io/v1alpha1"),
      "/apis/aquasecurity.github.io/v1alpha1": FORBIDDEN,
    });
    const d = await discover(t, new AbortController().signal, [REPORTS, POLICIES]);
    expect(d.groupVersions.has("kyverno.io/v1")).toBe(false);
    expect(d.problem?.("kyverno.io/v1")).toBeUndefined();
    expect(d.problem?.(REPORTS.apiVersion)?.status).toBe(403);
    expect(d.serves(REPORTS.apiVersion, REPORTS.plural)).toBe(false);
  });

  it("throws when /apis is forbidden or malformed (the caller decides)", async () => {
    await expect(
      discover(new RoutingTransport({ "/api": API, "/apis": FORBIDDEN }), new AbortController().signal, [REPORTS]),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      discover(new RoutingTransport({ "/api": API, "/apis": { groups: "x" } }), new AbortController().signal, [
        REPORTS,
      ]),
    ).rejects.toThrow(/malformed discovery/);
  });
});

/** Runs the core Pod watcher and the optional kinds as the live source does, until `until` holds. */
async function runLive(t: RoutingTransport, optional: KindInfo[], until: (store: Store) => boolean, watch = true) {
  const store = new Store();
  const events: SourceEvent[] = [];
  const abort = new AbortController();
  const started: string[] = [];
  const emit = (batch: SourceEvent[]) => {
    events.push(...batch);
    store.apply(batch);
  };
  const fast = { backoff: { initialMs: 1, maxMs: 2 }, forbiddenRetryMs: 5, random: () => 0.5 };
  const startWatcher = (info: KindInfo, gone?: () => void) => {
    started.push(info.kind);
    void new KindWatcher(info, { transport: t, emit, watch, ...fast, ...(gone ? { onNotInstalled: gone } : {}) }).run(
      abort.signal,
    );
  };
  startWatcher(kindInfo("Pod")!);
  const done = runOptionalKinds(
    optional,
    { transport: t, emit, watch, startWatcher, rediscoverMs: 5, ...fast },
    abort.signal,
  );
  const timeout = setTimeout(() => abort.abort(), 4000);
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if (until(store) || abort.signal.aborted) {
        clearInterval(poll);
        resolve();
      }
    }, 2);
  });
  abort.abort();
  clearTimeout(timeout);
  await done;
  return { store, events, started };
}

const PODS = { "/api/v1/pods": listOf([podRaw("a", "1")], "5") };

describe("optional kinds in the live source", () => {
  it("watches a served optional kind and marks an absent one not-installed and synced (never an error)", async () => {
    const t = new RoutingTransport({
      ...PODS,
      "/api": API,
      "/apis": groups("aquasecurity.github.io/v1alpha1"),
      "/apis/aquasecurity.github.io/v1alpha1": resources(REPORTS.apiVersion, { name: "vulnerabilityreports" }),
      "/apis/aquasecurity.github.io/v1alpha1/vulnerabilityreports": {
        kind: "VulnerabilityReportList",
        metadata: { resourceVersion: "9" },
        items: [{ metadata: { name: "r", namespace: "ns1", uid: "u-r", resourceVersion: "9" } }],
      },
    });
    const { store, started } = await runLive(
      t,
      [REPORTS, POLICIES],
      (s) => s.kindStatus("VulnerabilityReport")?.state === "connected" && !!s.kindStatus("ClusterPolicy")?.synced,
    );
    expect(store.kindStatus("VulnerabilityReport")).toMatchObject({ state: "connected", synced: true });
    expect(store.kindStatus("ClusterPolicy")).toMatchObject({ state: "not-installed", synced: true });
    expect(started).toEqual(["Pod", "VulnerabilityReport"]);
    expect(t.paths.some((p) => p.includes("clusterpolicies"))).toBe(false);
  });

  it("a 403 on discovery itself makes only the optional kinds forbidden; the core kinds keep working", async () => {
    const t = new RoutingTransport({ ...PODS, "/api": API, "/apis": FORBIDDEN });
    const { store } = await runLive(
      t,
      [REPORTS, POLICIES],
      (s) => s.kindStatus("Pod")?.state === "connected" && s.kindStatus("ClusterPolicy")?.state === "forbidden",
    );
    expect(store.kindStatus("Pod")).toMatchObject({ state: "connected", synced: true });
    expect(store.list("Pod")).toHaveLength(1);
    for (const k of ["VulnerabilityReport", "ClusterPolicy"])
      expect(store.kindStatus(k)).toMatchObject({ state: "forbidden", message: expect.stringMatching(/discovery/) });
  });

  it("a 403 on one group version's resource list makes only that group's kinds forbidden", async () => {
    const t = new RoutingTransport({
      ...PODS,
      "/api": API,
      "/apis": groups("aquasecurity.github.io/v1alpha1", "kyverno.io/v1"),
      "/apis/aquasecurity.github.io/v1alpha1": FORBIDDEN,
      "/apis/kyverno.io/v1": resources("kyverno.io/v1", { name: "clusterpolicies" }),
      "/apis/kyverno.io/v1/clusterpolicies": {
        kind: "ClusterPolicyList",
        metadata: { resourceVersion: "3" },
        items: [],
      },
    });
    const { store } = await runLive(
      t,
      [REPORTS, POLICIES],
      (s) =>
        s.kindStatus("VulnerabilityReport")?.state === "forbidden" &&
        s.kindStatus("ClusterPolicy")?.state === "connected",
    );
    expect(store.kindStatus("VulnerabilityReport")?.message).toContain("/apis/aquasecurity.github.io/v1alpha1");
    expect(store.kindStatus("ClusterPolicy")).toMatchObject({ state: "connected", synced: true });
  });

  it("starts watching a kind once its CRD is installed (rediscovery)", async () => {
    let installed = false;
    const reportList = () =>
      installed
        ? {
            kind: "VulnerabilityReportList",
            metadata: { resourceVersion: "9" },
            items: [{ metadata: { name: "r", namespace: "ns1", uid: "u-r", resourceVersion: "9" } }],
          }
        : new ApiError(404, "NotFound", "the server could not find the requested resource");
    const t = new RoutingTransport({
      ...PODS,
      "/api": API,
      "/apis": () => (installed ? groups(REPORTS.apiVersion) : groups()),
      "/apis/aquasecurity.github.io/v1alpha1": resources(REPORTS.apiVersion, { name: "vulnerabilityreports" }),
      "/apis/aquasecurity.github.io/v1alpha1/vulnerabilityreports": reportList,
    });
    const phases: string[] = [];
    await runLive(t, [REPORTS], (s) => {
      const st = s.kindStatus("VulnerabilityReport")?.state;
      if (st && phases.at(-1) !== st) phases.push(st);
      if (phases.length === 1 && st === "not-installed") installed = true;
      return phases.join(",") === "not-installed,connected";
    });
    expect(phases).toEqual(["not-installed", "connected"]);
  });

  it("scan mode: discovers once and stops, the absent kinds settled", async () => {
    const t = new RoutingTransport({ ...PODS, "/api": API, "/apis": groups() });
    const { store } = await runLive(t, [REPORTS], (s) => !!s.kindStatus("VulnerabilityReport")?.synced, false);
    expect(store.kindStatus("VulnerabilityReport")).toMatchObject({ state: "not-installed", synced: true });
    expect(t.paths.filter((p) => p === "/apis")).toHaveLength(1);
  });
});

describe("KindWatcher of an optional kind", () => {
  it("on 404 (CRD removed) deletes what it listed, reports not-installed and stops", async () => {
    let calls = 0;
    const t = new RoutingTransport({
      "/apis/aquasecurity.github.io/v1alpha1/vulnerabilityreports": () =>
        calls++ === 0
          ? {
              kind: "VulnerabilityReportList",
              metadata: { resourceVersion: "9" },
              items: [{ metadata: { name: "r", namespace: "ns1", uid: "u-r", resourceVersion: "9" } }],
            }
          : new ApiError(404, "NotFound", "gone"),
    });
    // A watch that ends at once with 410 makes the watcher relist, which now answers 404.
    t.watch = async () => {
      throw new ApiError(410, "Expired", "too old resource version");
    };
    const store = new Store();
    const events: SourceEvent[] = [];
    let gone = 0;
    await new KindWatcher(REPORTS, {
      transport: t,
      watch: true,
      emit: (b) => {
        events.push(...b);
        store.apply(b);
      },
      onNotInstalled: () => gone++,
      backoff: { initialMs: 1, maxMs: 2 },
    }).run(new AbortController().signal);
    expect(gone).toBe(1);
    expect(events.filter((e) => e.type === "added" || e.type === "deleted").map((e) => e.type)).toEqual([
      "added",
      "deleted",
    ]);
    expect(store.list("VulnerabilityReport")).toHaveLength(0);
    expect(store.kindStatus("VulnerabilityReport")).toMatchObject({ state: "not-installed", synced: true });
  });
});

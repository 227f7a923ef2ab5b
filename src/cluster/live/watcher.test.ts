import { describe, expect, it } from "vitest";
import { FakeTransport, listOf, podRaw } from "../../../test/support/fake-transport.js";
import { Store } from "../../store/store.js";
import { kindInfo } from "../objects.js";
import type { SourceEvent } from "../source.js";
import { ApiError } from "./errors.js";
import { METADATA_LIST_ACCEPT, METADATA_WATCH_ACCEPT } from "./transport.js";
import { KindWatcher, type WatcherOptions } from "./watcher.js";

const POD = kindInfo("Pod")!;
const SECRET = kindInfo("Secret")!;
const fast = { backoff: { initialMs: 1, maxMs: 2 }, forbiddenRetryMs: 1, authRetryMs: 1, random: () => 0.5 };

/** Runs a watcher until `until(events)` holds, then stops it; returns everything it emitted. */
async function runUntil(
  transport: FakeTransport,
  until: (events: SourceEvent[], store: Store) => boolean,
  options: Partial<WatcherOptions> = {},
  kind = POD,
) {
  const events: SourceEvent[] = [];
  const store = new Store();
  const abort = new AbortController();
  const watcher = new KindWatcher(kind, {
    transport,
    watch: true,
    ...fast,
    ...options,
    emit: (batch) => {
      events.push(...batch);
      store.apply(batch);
      if (until(events, store)) abort.abort();
    },
  });
  // Also poll: a watch that opened without emitting anything changes no event.
  const poll = setInterval(() => until(events, store) && abort.abort(), 2);
  const timeout = setTimeout(() => abort.abort(), 4000);
  await watcher.run(abort.signal);
  clearInterval(poll);
  clearTimeout(timeout);
  return { events, store, watcher };
}

const names = (store: Store) =>
  store
    .list("Pod")
    .map((p) => p.metadata.name)
    .sort();
const param = (path: string, key: string) => new URL(path, "https://x").searchParams.get(key);

describe("KindWatcher", () => {
  it("lists every page with limit/continue, then watches from the list's resourceVersion with bookmarks", async () => {
    const t = new FakeTransport([() => listOf([podRaw("a", "1")], "", "tok1"), () => listOf([podRaw("b", "2")], "7")]);
    const { store } = await runUntil(t, () => t.calls.some((c) => c.watch));
    expect(names(store)).toEqual(["a", "b"]);
    const [first, second, watch] = t.calls;
    expect(param(first!.path, "limit")).toBe("500");
    expect(param(first!.path, "continue")).toBeNull();
    expect(param(second!.path, "continue")).toBe("tok1");
    expect(watch!.path.startsWith("/api/v1/pods?")).toBe(true);
    expect(param(watch!.path, "resourceVersion")).toBe("7");
    expect(param(watch!.path, "allowWatchBookmarks")).toBe("true");
    expect(store.kindStatus("Pod")).toMatchObject({ synced: true, state: "connected" });
  });

  it("applies watch events and resumes from the last bookmark after a clean end, without relisting", async () => {
    const t = new FakeTransport(
      [() => listOf([podRaw("a", "1")], "5")],
      [
        {
          events: [
            { type: "ADDED", object: podRaw("b", "6") },
            { type: "DELETED", object: podRaw("a", "7") },
            { type: "BOOKMARK", object: { kind: "Pod", metadata: { resourceVersion: "42" } } },
          ],
          end: "clean",
        },
      ],
    );
    const { store, watcher } = await runUntil(t, () => t.calls.filter((c) => c.watch).length >= 2);
    expect(names(store)).toEqual(["b"]);
    expect(watcher.lists).toBe(1);
    expect(param(t.calls.filter((c) => c.watch)[1]!.path, "resourceVersion")).toBe("42");
  });

  it("relists on 410 Gone and converges: objects gone while away are deleted", async () => {
    const t = new FakeTransport(
      [
        () => listOf([podRaw("a", "1"), podRaw("b", "2")], "5"),
        () => listOf([podRaw("b", "9"), podRaw("c", "10")], "11"),
      ],
      [
        {
          events: [
            {
              type: "ERROR",
              object: { kind: "Status", code: 410, reason: "Expired", message: "too old resource version: 5 (8)" },
            },
          ],
          end: "clean",
        },
      ],
    );
    const { store, events, watcher } = await runUntil(t, () => t.calls.filter((c) => c.watch).length >= 2);
    expect(watcher.lists).toBe(2);
    expect(names(store)).toEqual(["b", "c"]);
    expect(events.some((e) => e.type === "deleted" && e.object.metadata.name === "a")).toBe(true);
    expect(store.list("Pod").find((p) => p.metadata.name === "b")?.metadata.resourceVersion).toBe("9");
    expect(param(t.calls.at(-1)!.path, "resourceVersion")).toBe("11");
  });

  it("relists when an expired continue token answers 410 mid-pagination", async () => {
    const t = new FakeTransport([
      () => listOf([podRaw("a", "1")], "", "tok"),
      () => new ApiError(410, "Expired", "continue token expired"),
      () => listOf([podRaw("z", "3")], "8"),
    ]);
    const { store } = await runUntil(t, () => t.calls.some((c) => c.watch));
    expect(names(store)).toEqual(["z"]);
    expect(param(t.calls[2]!.path, "continue")).toBeNull();
  });

  it("reconnects after a network error from the last resourceVersion, saying it is reconnecting", async () => {
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    const t = new FakeTransport(
      [() => listOf([podRaw("a", "1")], "5")],
      [{ events: [{ type: "MODIFIED", object: podRaw("a", "6") }], end: reset }],
    );
    const { events, watcher } = await runUntil(t, () => t.calls.filter((c) => c.watch).length >= 2);
    expect(watcher.lists).toBe(1);
    expect(param(t.calls.at(-1)!.path, "resourceVersion")).toBe("6");
    const states = events.filter((e) => e.type === "status").map((e) => (e.type === "status" ? e.state : ""));
    expect(states).toContain("reconnecting");
    expect(states.at(-1)).toBe("connected");
  });

  it("marks only this kind forbidden with the missing permission, and recovers when it is granted", async () => {
    const denied = () => new ApiError(403, "Forbidden", 'pods is forbidden: User "u" cannot list resource "pods"');
    const t = new FakeTransport([denied, () => listOf([podRaw("a", "1")], "3")]);
    const { events, store } = await runUntil(t, () => t.calls.some((c) => c.watch));
    const forbidden = events.find((e) => e.type === "status" && e.state === "forbidden");
    expect(forbidden).toMatchObject({ message: expect.stringContaining("list pods at cluster scope") });
    expect(store.kindStatus("Pod")?.state).toBe("connected");
    expect(names(store)).toEqual(["a"]);
  });

  it("names the API group and namespace in the missing permission", async () => {
    const t = new FakeTransport([() => new ApiError(403, "Forbidden", "no")]);
    const { events } = await runUntil(
      t,
      (ev) => ev.some((e) => e.type === "status" && e.state === "forbidden"),
      {
        namespace: "shop",
      },
      kindInfo("Deployment")!,
    );
    expect(events.find((e) => e.type === "status" && e.state === "forbidden")).toMatchObject({
      message: expect.stringContaining("list deployments.apps in namespace shop"),
    });
    expect(t.calls[0]!.path.startsWith("/apis/apps/v1/namespaces/shop/deployments?")).toBe(true);
  });

  it("falls back to the context namespace when the cluster-wide list is forbidden", async () => {
    const fallbacks: string[] = [];
    const t = new FakeTransport([
      () => new ApiError(403, "Forbidden", "no"),
      (path) =>
        path.startsWith("/api/v1/namespaces/team-a/pods")
          ? listOf([podRaw("p", "1", "team-a")], "2")
          : new Error("wrong path"),
    ]);
    const { store, watcher } = await runUntil(t, () => t.calls.some((c) => c.watch), {
      fallbackNamespace: "team-a",
      onFallback: (kind, ns) => fallbacks.push(`${kind}:${ns}`),
    });
    expect(fallbacks).toEqual(["Pod:team-a"]);
    expect(watcher.namespace).toBe("team-a");
    expect(names(store)).toEqual(["p"]);
    expect(t.calls.at(-1)!.path.startsWith("/api/v1/namespaces/team-a/pods?")).toBe(true);
  });

  it("keeps the cluster scope after a transient 403 once it has listed cluster-wide (API server restart)", async () => {
    const fallbacks: string[] = [];
    const t = new FakeTransport(
      [() => listOf([podRaw("a", "1")], "2"), () => listOf([podRaw("a", "1")], "3")],
      [{ events: [], end: new ApiError(403, "Forbidden", "RBAC not ready") }],
    );
    const { events } = await runUntil(t, () => t.calls.filter((c) => c.watch).length >= 2, {
      fallbackNamespace: "team-a",
      onFallback: (kind, ns) => fallbacks.push(`${kind}:${ns}`),
    });
    expect(fallbacks).toEqual([]);
    expect(t.calls.every((c) => c.path.startsWith("/api/v1/pods?"))).toBe(true);
    expect(events.find((e) => e.type === "status" && e.state === "forbidden")).toMatchObject({
      message: expect.stringContaining("watch pods at cluster scope"),
    });
  });

  it("reads Secrets metadata-only and refuses a list that is not PartialObjectMetadataList", async () => {
    const full = {
      kind: "SecretList",
      metadata: { resourceVersion: "1" },
      items: [{ metadata: { name: "s", uid: "u" }, data: { k: "c2VjcmV0" } }],
    };
    const partial = {
      kind: "PartialObjectMetadataList",
      metadata: { resourceVersion: "2" },
      items: [{ kind: "PartialObjectMetadata", metadata: { name: "s", namespace: "n", uid: "u" } }],
    };
    const empty = { kind: "PartialObjectMetadataList", metadata: { resourceVersion: "3" }, items: null };
    const t = new FakeTransport([() => full, () => partial]);
    const { store: none } = await runUntil(
      new FakeTransport([() => empty]),
      (_e, st) => !!st.kindStatus("Secret")?.synced,
      {},
      SECRET,
    );
    expect(none.kindStatus("Secret")).toMatchObject({ synced: true, state: "connected" });
    const { events, store } = await runUntil(t, () => t.calls.some((c) => c.watch), {}, SECRET);
    expect(events.find((e) => e.type === "status" && e.state === "reconnecting")).toBeDefined();
    expect(store.list("Secret").map((s) => [s.kind, s.metadata.name, s.dataKeys])).toEqual([
      ["Secret", "s", undefined],
    ]);
    expect(t.calls.filter((c) => !c.watch).every((c) => c.accept === METADATA_LIST_ACCEPT)).toBe(true);
    expect(t.calls.find((c) => c.watch)?.accept).toBe(METADATA_WATCH_ACCEPT);
  });

  it("lists once and returns when watching is off (scan mode)", async () => {
    const t = new FakeTransport([() => listOf([podRaw("a", "1")], "2")]);
    const events: SourceEvent[] = [];
    await new KindWatcher(POD, { transport: t, watch: false, ...fast, emit: (b) => events.push(...b) }).run(
      new AbortController().signal,
    );
    expect(t.calls.every((c) => !c.watch)).toBe(true);
    expect(events.some((e) => e.type === "synced")).toBe(true);
  });
});

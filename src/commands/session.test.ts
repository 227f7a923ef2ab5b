import { describe, expect, it } from "vitest";
import type { KObject } from "../cluster/objects.js";
import type { Source, SourceEvent, SourceInfo } from "../cluster/source.js";
import { Session } from "./session.js";

const pod = (name: string): KObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "ns", uid: `uid-${name}`, labels: {}, annotations: {}, ownerReferences: [] },
  spec: { containers: [{ name: "c", image: "x", securityContext: { privileged: true } }] },
});

/** A source on one context whose start() emits one pod named after the context. */
class ContextSource implements Source {
  readonly kinds = ["Pod"];
  readonly info: SourceInfo;
  emit: ((e: SourceEvent[]) => void) | undefined;
  stopped = false;
  constructor(readonly context: string) {
    this.info = { kind: "live", context };
  }
  async start(emit: (e: SourceEvent[]) => void) {
    this.emit = emit;
    emit([
      { type: "added", object: pod(`on-${this.context}`) },
      { type: "synced", kind: "Pod" },
    ]);
  }
  stop() {
    this.stopped = true;
  }
  problems() {
    return [];
  }
  forContext(name: string) {
    return new ContextSource(name);
  }
}

describe("Session.switchContext", () => {
  it("stops the old source, empties the store and reads the new context", async () => {
    const first = new ContextSource("a");
    const session = new Session(first);
    await session.start();
    expect(session.analyze().findings.map((f) => f.resource.name)).toContain("on-a");

    await session.switchContext("b");
    expect(first.stopped).toBe(true);
    expect(session.source.info.context).toBe("b");
    expect(session.store.list("Pod").map((p) => p.metadata.name)).toEqual(["on-b"]);
    const names = session.analyze().findings.map((f) => f.resource.name);
    expect(names).toContain("on-b");
    expect(names).not.toContain("on-a");
    expect(session.settled()).toBe(true);
  });

  it("drops late events from the old source", async () => {
    const first = new ContextSource("a");
    const session = new Session(first);
    await session.start();
    await session.switchContext("b");
    first.emit?.([{ type: "added", object: pod("late-from-a") }]);
    expect(session.store.list("Pod").map((p) => p.metadata.name)).toEqual(["on-b"]);
  });

  it("rejects on a source without contexts and keeps the current one", async () => {
    const plain: Source = {
      info: { kind: "demo" },
      kinds: [],
      start: async () => {},
      stop: () => {},
      problems: () => [],
    };
    const session = new Session(plain);
    await expect(session.switchContext("x")).rejects.toThrow(/no kube contexts/);
    expect(session.source).toBe(plain);
  });
});

import { render } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { Controller } from "../../src/app/controller.js";
import { Session } from "../../src/app/session.js";
import { project } from "../../src/cluster/project.js";
import type { Source, SourceEvent } from "../../src/cluster/source.js";
import { App } from "../../views/App.js";

/** A source filled by hand: the test pushes events through `emit`. */
class HandSource implements Source {
  readonly info = { kind: "demo" as const, context: "test-ctx" };
  readonly kinds = ["Pod"];
  emit: (events: SourceEvent[]) => void = () => {};
  async start(emit: (events: SourceEvent[]) => void) {
    this.emit = emit;
  }
  stop() {}
  problems() {
    return [];
  }
}

const pod = (name: string, extra: Record<string, unknown> = {}) =>
  project({
    kind: "Pod",
    apiVersion: "v1",
    metadata: { name, namespace: "ns1", uid: name, ...extra },
    // Restricted in every other respect, so pod.privileged is its only finding.
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
      containers: [
        {
          name: "c",
          securityContext: { privileged: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
          resources: { limits: { cpu: "1", memory: "1Gi" } },
        },
      ],
    },
  })!;

const tick = (ms = 150) => new Promise((r) => setTimeout(r, ms));
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

async function mount() {
  const source = new HandSource();
  const session = new Session(source);
  await session.start();
  source.emit([
    { type: "added", object: pod("alpha") },
    { type: "added", object: pod("beta") },
    { type: "synced", kind: "Pod" },
    { type: "status", kind: "Pod", state: "connected" },
  ]);
  const controller = new Controller(session, 20);
  const app = render(<App controller={controller} />);
  cleanup = () => {
    app.unmount();
    controller.dispose();
  };
  await tick();
  return { app, source, controller };
}

describe("App", () => {
  it("shows the header, panel counts and findings", async () => {
    const { app } = await mount();
    const frame = app.lastFrame()!;
    expect(frame).toContain("kubeward");
    expect(frame).toContain("test-ctx");
    expect(frame).toContain("2 critical");
    expect(frame).toMatch(/1 pods 2/);
    expect(frame).toContain("Pod ns1/alpha [c]");
    expect(frame).toContain("Pod ns1/beta [c]");
  });

  it("moves the selection with j and keeps it on the same finding when rows move", async () => {
    const { app, source } = await mount();
    app.stdin.write("j");
    await tick();
    expect(app.lastFrame()).toMatch(/container "c" runs privileged/);
    const selectedBefore = app
      .lastFrame()!
      .split("\n")
      .find((l) => l.includes("ns1/"));
    expect(selectedBefore).toBeDefined();
    source.emit([{ type: "added", object: pod("aardvark") }]);
    await tick();
    // Three rows now; the message line still describes a privileged container and a new row appeared.
    expect(app.lastFrame()).toContain("Pod ns1/aardvark [c]");
    expect(app.lastFrame()).toContain("3 critical");
  });

  it("updates live: a deleted pod's finding disappears", async () => {
    const { app, source } = await mount();
    source.emit([{ type: "deleted", object: pod("alpha") }]);
    await tick();
    const rows = app
      .lastFrame()!
      .split("\n")
      .filter((l) => l.startsWith("CRIT"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain("ns1/beta");
    expect(app.lastFrame()).toContain("1 critical");
    expect(app.lastFrame()).toContain("resolved pod.privileged Pod ns1/alpha");
  });

  it("never renders escape sequences from the cluster", async () => {
    const { app, source } = await mount();
    source.emit([
      {
        type: "added",
        object: pod("evil", { name: "evil", namespace: "ns1\u001b[2J\u001b]0;x\u0007" }),
      },
    ]);
    await tick();
    const frame = app.lastFrame()!;
    expect(frame).not.toMatch(/\u001b\[2J|\u001b\]0;/);
    expect(frame).toContain("␛[2J");
  });

  it("switches panels with 2 and Tab", async () => {
    const { app } = await mount();
    app.stdin.write("2");
    await tick();
    expect(app.lastFrame()).toContain("no findings in this panel");
    app.stdin.write("1");
    await tick();
    expect(app.lastFrame()).toContain("Pod ns1/alpha");
  });
});

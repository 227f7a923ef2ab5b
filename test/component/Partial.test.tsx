// Issue 14 in the TUI: a panel whose kinds could not be read says so where its findings
// would be (never "no findings"), and the header gives the reason a connection fails.
import { afterEach, describe, expect, it } from "vitest";
import { type HandSource, mount } from "./harness.js";

let dispose: (() => void) | undefined;
afterEach(() => dispose?.());

describe("App: partial views", () => {
  it("the network panel says NetworkPolicy is forbidden instead of 'no findings'", async () => {
    const m = await mount({
      session: (s) => (s.source as HandSource).kinds.push("NetworkPolicy"),
      size: { columns: 100, rows: 30 },
    });
    dispose = m.dispose;
    m.source.emit([
      {
        type: "status",
        kind: "NetworkPolicy",
        state: "forbidden",
        message: "missing permission: list networkpolicies.networking.k8s.io at cluster scope",
      },
    ]);
    const f = await m.press("3");
    expect(f).toContain("unknown, not clean: NetworkPolicy forbidden cluster-wide (missing permission: list networkp");
    expect(f).not.toContain("no findings in this panel");
  });

  it("the header shows why kinds fail (an exec plugin timeout), not only their state", async () => {
    const m = await mount();
    dispose = m.dispose;
    m.source.emit([
      {
        type: "status",
        kind: "Pod",
        state: "error",
        message: 'authentication failed: the exec credential plugin "sso" did not answer within 30 s',
      },
    ]);
    const f = await m.press();
    expect(f).toMatch(/0\/1 live · Pod error · authentication failed: the exec credentia/);
  });
});

import { describe, expect, it } from "vitest";
import type { KindStatus } from "../../src/store/store.js";
import { connection } from "../../views/Header.js";

const st = (state: KindStatus["state"]): KindStatus => ({ state, synced: state !== "connecting" });

describe("Header connection", () => {
  it("counts optional kinds the cluster does not serve apart, as not installed, never as a problem", () => {
    const c = connection(
      new Map([
        ["Pod", st("connected")],
        ["Secret", st("connected")],
        ["VulnerabilityReport", st("not-installed")],
      ]),
    );
    expect(c).toEqual({ text: "2/2 kinds live · VulnerabilityReport not installed", bad: false });
  });

  it("keeps a forbidden kind a problem and names many absent kinds by count", () => {
    const c = connection(
      new Map([
        ["Pod", st("connected")],
        ["ClusterPolicy", st("forbidden")],
        ["A", st("not-installed")],
        ["B", st("not-installed")],
        ["C", st("not-installed")],
      ]),
    );
    expect(c.bad).toBe(true);
    expect(c.text).toBe("1/2 live · ClusterPolicy forbidden · 3 kinds not installed");
  });
});

describe("Header: server version and the anonymous probe", () => {
  it("shows the API server's version and says that a probe was made", async () => {
    const { renderSized } = await import("../support/ink.js");
    const { Header } = await import("../../views/Header.js");
    const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
    const app = renderSized(
      <Header
        info={{ kind: "live", context: "prod", serverVersion: "v1.36.3", probe: "anonymous probe: refused (401)" }}
        counts={counts}
        statuses={new Map()}
        lastEventAt={undefined}
        width={160}
      />,
      { columns: 160, rows: 5 },
    );
    expect(app.lastFrame()).toContain("k8s v1.36.3");
    expect(app.lastFrame()).toContain("anonymous probe: refused (401)");
    app.unmount();
  });
});

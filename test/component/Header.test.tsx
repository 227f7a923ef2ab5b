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

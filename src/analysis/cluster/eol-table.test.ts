import { describe, expect, it } from "vitest";
import { eolStatus, KUBERNETES_EOL, LAST_CHECKED, parseMinor } from "./eol-table.js";

describe("Kubernetes end-of-life table", () => {
  it("was checked against kubernetes.io/releases within the last year", () => {
    const age = Date.now() - Date.parse(`${LAST_CHECKED}T00:00:00Z`);
    expect(age, `LAST_CHECKED ${LAST_CHECKED} is over a year old: re-read kubernetes.io/releases`).toBeLessThan(
      366 * 24 * 3600 * 1000,
    );
  });

  it("has consecutive minors with increasing dates", () => {
    const rows = Object.entries(KUBERNETES_EOL).map(([k, d]) => [Number(k.split(".")[1]), d] as const);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]![0]).toBe(rows[i - 1]![0] + 1);
      expect(rows[i]![1] > rows[i - 1]![1]).toBe(true);
    }
  });

  it("parses the versions kubelets and servers report", () => {
    expect(parseMinor("v1.29.3-eks-abc123")).toEqual({ major: 1, minor: 29 });
    expect(parseMinor("v1.30.0+k3s1")).toEqual({ major: 1, minor: 30 });
    expect(parseMinor("1.31")).toEqual({ major: 1, minor: 31 });
    expect(parseMinor("latest")).toBeUndefined();
    expect(parseMinor(undefined)).toBeUndefined();
  });

  it("judges a minor by its date, and minors older than the table as past end of life", () => {
    expect(eolStatus({ major: 1, minor: 34 }, "2026-10-27")).toEqual({ state: "supported", eol: "2026-10-27" });
    expect(eolStatus({ major: 1, minor: 34 }, "2026-10-28")).toEqual({ state: "eol", eol: "2026-10-27" });
    expect(eolStatus({ major: 1, minor: 19 }, "2026-01-01")).toEqual({ state: "eol", eol: undefined });
    expect(eolStatus({ major: 1, minor: 99 }, "2026-01-01")).toEqual({ state: "unknown" });
  });
});

import { describe, expect, it } from "vitest";
import { type AnonymousProbe, serverInfoObject } from "../../cluster/server-info.js";
import { Store } from "../../store/store.js";
import { anonymousAccess } from "./anonymous-probe.js";
import { clusterView } from "./view.js";

function detect(probe: AnonymousProbe | undefined) {
  const store = new Store();
  store.apply([{ type: "added", object: serverInfoObject(probe ? { probe } : {}) }]);
  return anonymousAccess.detect(clusterView(store, "2026-11-30"));
}
const at = "2026-11-30T12:00:00Z";

describe("cluster.anonymous-access (observed)", () => {
  it("medium when only /version answers anonymously (the default RBAC)", () => {
    const fs = detect({
      at,
      answers: [
        { path: "/version", status: 200, seen: ["v1.36.3"] },
        { path: "/api", status: 403 },
      ],
    });
    expect(fs.map((f) => f.severity)).toEqual(["medium"]);
    expect(fs[0]!.message).toContain("/version: 200 (v1.36.3); /api: 403");
  });

  it("high when anonymous callers get discovery", () => {
    const fs = detect({
      at,
      answers: [
        { path: "/version", status: 200 },
        { path: "/api", status: 200, seen: ["v1"] },
      ],
    });
    expect(fs.map((f) => f.severity)).toEqual(["high"]);
  });

  it("nothing when anonymous requests are refused, or there was no probe or no answer", () => {
    expect(
      detect({
        at,
        answers: [
          { path: "/version", status: 401 },
          { path: "/api", status: 401 },
        ],
      }),
    ).toEqual([]);
    expect(detect({ at, answers: [{ path: "/version", error: "timed out" }] })).toEqual([]);
    expect(detect(undefined)).toEqual([]);
  });
});

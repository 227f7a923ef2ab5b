// Version checks: end of life (server and kubelets), kubelet skew, mixed node versions.
import { describe, expect, it } from "vitest";
import { nodeObject } from "../../../test/support/control-plane.js";
import { project } from "../../cluster/project.js";
import { serverInfoObject } from "../../cluster/server-info.js";
import { Store } from "../../store/store.js";
import { kubeletSkew, maxKubeletLag } from "./kubelet-skew.js";
import { nodeVersionDrift } from "./node-version-drift.js";
import { versionEol } from "./version-eol.js";
import { clusterView } from "./view.js";

function view(server: string | undefined, nodes: [string, string][], today = "2026-11-30") {
  const store = new Store();
  store.apply([
    ...(server ? [{ type: "added" as const, object: serverInfoObject({ version: { gitVersion: server } }) }] : []),
    ...nodes.map(([n, v]) => ({ type: "added" as const, object: project(nodeObject(n, v))! })),
  ]);
  return clusterView(store, today);
}

describe("cluster.version-eol", () => {
  it("flags the API server and each kubelet on a minor past its end of life", () => {
    const fs = versionEol.detect(
      view("v1.33.4", [
        ["a", "v1.33.4"],
        ["b", "v1.35.1"],
      ]),
    );
    expect(fs.map((f) => `${f.resource.kind}/${f.resource.name}`)).toEqual(["ServerInfo/api-server", "Node/a"]);
    expect(fs[0]!.message).toContain("1.33 reached end of life 2026-06-28");
    expect(fs[1]!.path).toBe("status.nodeInfo.kubeletVersion");
  });

  it("is quiet for supported versions", () => {
    expect(versionEol.detect(view("v1.36.3", [["a", "v1.36.3"]]))).toEqual([]);
  });
});

describe("cluster.kubelet-skew", () => {
  it("allows three minors older since 1.28 (two before), never newer", () => {
    expect(maxKubeletLag(36)).toBe(3);
    expect(maxKubeletLag(27)).toBe(2);
    const fs = kubeletSkew.detect(
      view("v1.36.3", [
        ["ok", "v1.33.9"],
        ["old", "v1.32.1"],
        ["new", "v1.37.0"],
      ]),
    );
    expect(fs.map((f) => [f.resource.name, f.severity])).toEqual([
      ["old", "high"],
      ["new", "medium"],
    ]);
    expect(fs[0]!.message).toContain("4 minors behind");
  });

  it("needs the server version", () => {
    expect(kubeletSkew.detect(view(undefined, [["old", "v1.20.1"]]))).toEqual([]);
  });
});

describe("cluster.node-version-drift", () => {
  it("reports nodes on different minors once, on the oldest", () => {
    const fs = nodeVersionDrift.detect(
      view(undefined, [
        ["a", "v1.36.1"],
        ["b", "v1.36.2"],
        ["c", "v1.34.0"],
      ]),
    );
    expect(fs).toHaveLength(1);
    expect(fs[0]!.resource.name).toBe("c");
    expect(fs[0]!.severity).toBe("medium");
    expect(fs[0]!.message).toContain("1.34: 1 node(s), 1.36: 2 node(s)");
  });

  it("patch versions of one minor are not drift", () => {
    expect(
      nodeVersionDrift.detect(
        view(undefined, [
          ["a", "v1.36.1"],
          ["b", "v1.36.3"],
        ]),
      ),
    ).toEqual([]);
  });
});

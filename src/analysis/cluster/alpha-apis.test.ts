import { describe, expect, it } from "vitest";
import { serverInfoObject } from "../../cluster/server-info.js";
import { Store } from "../../store/store.js";
import { alphaApis, alphaGroupVersions } from "./alpha-apis.js";
import { clusterView } from "./view.js";

describe("alpha APIs from discovery", () => {
  it("picks every served alpha group version, and only those", () => {
    expect(
      alphaGroupVersions([
        "v1",
        "apps/v1",
        "flowcontrol.apiserver.k8s.io/v1beta3",
        "resource.k8s.io/v1alpha3",
        "internal.apiserver.k8s.io/v1alpha1",
        "storagemigration.k8s.io/v1alpha1",
        "example.com/valpha",
        "alpha.example.com/v1",
        "resource.k8s.io/v1alpha3",
      ]),
    ).toEqual(["internal.apiserver.k8s.io/v1alpha1", "resource.k8s.io/v1alpha3", "storagemigration.k8s.io/v1alpha1"]);
  });

  it("is one finding listing them, and none without discovery", () => {
    const store = new Store();
    store.apply([
      {
        type: "added",
        object: serverInfoObject({ groupVersions: ["v1", "resource.k8s.io/v1alpha3", "x.io/v2alpha1"] }),
      },
    ]);
    const fs = alphaApis.detect(clusterView(store, "2026-11-30"));
    expect(fs).toHaveLength(1);
    expect(fs[0]!.message).toContain("2 alpha API version(s): resource.k8s.io/v1alpha3, x.io/v2alpha1");
    const none = new Store();
    none.apply([{ type: "added", object: serverInfoObject({ version: { gitVersion: "v1.36.0" } }) }]);
    expect(alphaApis.detect(clusterView(none, "2026-11-30"))).toEqual([]);
  });
});

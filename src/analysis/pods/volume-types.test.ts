import { describe, expect, it } from "vitest";
import { findingsOf, podWith } from "../../../test/support/pss.js";
import { analyze } from "../../../test/support/store.js";

const ID = "pod.volume-types";
const vol = (source: Record<string, unknown>) => podWith({ volumes: [{ name: "v", ...source }] });

describe(ID, () => {
  it.each([
    ["nfs", { nfs: { server: "s", path: "/" } }],
    ["gitRepo", { gitRepo: { repository: "r" } }],
    ["iscsi", { iscsi: {} }],
    ["awsElasticBlockStore", { awsElasticBlockStore: { volumeID: "v" } }],
    ["flexVolume", { flexVolume: { driver: "d" } }],
  ])("flags %s", (type, source) => {
    expect(findingsOf(ID, [vol(source)]).map((f) => f.path)).toEqual([`spec.volumes[0].${type}`]);
  });

  it.each([
    ["configMap", { configMap: { name: "c" } }],
    ["csi", { csi: { driver: "d" } }],
    ["downwardAPI", { downwardAPI: {} }],
    ["emptyDir", { emptyDir: {} }],
    ["ephemeral", { ephemeral: {} }],
    ["image (allowed by PSA since 1.33)", { image: { reference: "r" } }],
    ["persistentVolumeClaim", { persistentVolumeClaim: { claimName: "c" } }],
    ["projected", { projected: { sources: [] } }],
    ["secret", { secret: { secretName: "s" } }],
    ["no source (defaulted to emptyDir)", {}],
  ])("passes with %s", (_, source) => {
    expect(findingsOf(ID, [vol(source)])).toEqual([]);
  });

  it("leaves hostPath to pod.host-path, and the level is still privileged", () => {
    const raws = [vol({ hostPath: { path: "/x" } })];
    expect(findingsOf(ID, raws)).toEqual([]);
    expect(analyze(raws).result.workloads[0]!.podSecurity).toBe("privileged");
  });
});

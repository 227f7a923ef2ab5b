import { describe, expect, it } from "vitest";
import { findingsOf, podWith } from "../../../test/support/pss.js";
import { analyze } from "../../../test/support/store.js";

const ID = "pod.host-path";
const withHostPath = (path: unknown) => podWith({ volumes: [{ name: "h", hostPath: { path } }] });

describe(ID, () => {
  it.each([
    ["/", "critical"],
    ["/var/run/docker.sock", "critical"],
    ["/run/containerd/containerd.sock", "critical"],
    ["/var/run/crio/crio.sock", "critical"],
    ["/var/run", "critical"],
    ["/var/log", "high"],
    ["/lib/modules", "high"],
  ])("flags hostPath %s as %s", (path, severity) => {
    const found = findingsOf(ID, [withHostPath(path)]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity, path: "spec.volumes[0].hostPath" });
  });

  it.each([
    ["no volumes", podWith({})],
    ["an emptyDir", podWith({ volumes: [{ name: "e", emptyDir: {} }] })],
    ["volumes of the wrong type", podWith({ volumes: "x" })],
  ])("passes with %s", (_, pod) => {
    expect(findingsOf(ID, [pod])).toEqual([]);
  });

  it("offers no patch (removing the volume would cut the workload from its data)", () => {
    const f = analyze([withHostPath("/data")]).result.findings.find((x) => x.check === ID);
    expect(f?.fix).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { deploymentChain, expectFixed, findingsOf, podWith } from "../../../test/support/pss.js";
import { analyze } from "../../../test/support/store.js";

const ID = "pod.host-ports";
const ports = (p: unknown[], list = "containers") => podWith({ [list]: [{ name: "c", ports: p }] });

describe(ID, () => {
  it.each([
    ["a container", ports([{ containerPort: 80, hostPort: 8080 }]), "spec.containers[0].ports[0].hostPort"],
    [
      "an init container",
      ports([{ containerPort: 80, hostPort: 80 }], "initContainers"),
      "spec.initContainers[0].ports[0].hostPort",
    ],
    [
      "an ephemeral container",
      ports([{ containerPort: 80, hostPort: 80 }], "ephemeralContainers"),
      "spec.ephemeralContainers[0].ports[0].hostPort",
    ],
  ])("flags a host port on %s", (_, pod, path) => {
    expect(findingsOf(ID, [pod]).map((f) => f.path)).toContain(path);
  });

  it.each([
    ["no hostPort", ports([{ containerPort: 80 }])],
    ["hostPort 0", ports([{ containerPort: 80, hostPort: 0 }])],
    ["ports of the wrong type", ports("80" as unknown as unknown[])],
  ])("passes with %s", (_, pod) => {
    expect(findingsOf(ID, [pod])).toEqual([]);
  });

  it("fixes by removing hostPort, keeping the port", () => {
    const rt = expectFixed(
      deploymentChain({ containers: [{ name: "c", ports: [{ containerPort: 80, hostPort: 80 }] }] }),
      ID,
    );
    expect(rt.plans[0]!.body).toEqual({
      spec: { template: { spec: { containers: [{ name: "c", ports: [{ containerPort: 80, hostPort: null }] }] } } },
    });
  });

  it("offers no fix with hostNetwork (the API server would set hostPort again)", () => {
    const pod = podWith({
      hostNetwork: true,
      containers: [{ name: "c", ports: [{ containerPort: 80, hostPort: 80 }] }],
    });
    expect(analyze([pod]).result.findings.find((f) => f.check === ID)?.fix?.type).toBe("none");
  });
});

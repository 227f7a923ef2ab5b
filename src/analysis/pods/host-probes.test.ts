import { describe, expect, it } from "vitest";
import { deploymentChain, expectFixed, findingsOf, podWith } from "../../../test/support/pss.js";

const ID = "pod.host-probes";
const ctr = (extra: Record<string, unknown>, list = "containers") => podWith({ [list]: [{ name: "c", ...extra }] });

describe(ID, () => {
  it.each([
    [
      "livenessProbe.httpGet",
      { livenessProbe: { httpGet: { host: "10.0.0.1", port: 80 } } },
      "livenessProbe.httpGet.host",
    ],
    [
      "readinessProbe.tcpSocket",
      { readinessProbe: { tcpSocket: { host: "db", port: 5432 } } },
      "readinessProbe.tcpSocket.host",
    ],
    ["startupProbe.httpGet", { startupProbe: { httpGet: { host: "x", port: 1 } } }, "startupProbe.httpGet.host"],
    [
      "lifecycle.postStart.httpGet",
      { lifecycle: { postStart: { httpGet: { host: "x", port: 1 } } } },
      "lifecycle.postStart.httpGet.host",
    ],
    [
      "lifecycle.preStop.tcpSocket",
      { lifecycle: { preStop: { tcpSocket: { host: "x", port: 1 } } } },
      "lifecycle.preStop.tcpSocket.host",
    ],
  ])("flags a host on %s", (_, extra, suffix) => {
    expect(findingsOf(ID, [ctr(extra)]).map((f) => f.path)).toEqual([`spec.containers[0].${suffix}`]);
  });

  it("flags init containers too", () => {
    const pod = ctr({ startupProbe: { httpGet: { host: "x", port: 1 } } }, "initContainers");
    expect(findingsOf(ID, [pod])).toHaveLength(1);
  });

  it.each([
    ["no host", { livenessProbe: { httpGet: { port: 80, path: "/" } } }],
    ["an empty host", { readinessProbe: { tcpSocket: { host: "", port: 80 } } }],
    ["an exec probe", { livenessProbe: { exec: { command: ["true"] } } }],
    ["a probe of the wrong type", { livenessProbe: "httpGet" }],
  ])("passes with %s", (_, extra) => {
    expect(findingsOf(ID, [ctr(extra)])).toEqual([]);
  });

  it("fixes by removing the host", () => {
    const rt = expectFixed(
      deploymentChain({ containers: [{ name: "c", lifecycle: { preStop: { httpGet: { host: "x", port: 1 } } } }] }),
      ID,
    );
    expect(rt.plans[0]!.body).toEqual({
      spec: {
        template: { spec: { containers: [{ name: "c", lifecycle: { preStop: { httpGet: { host: null } } } }] } },
      },
    });
    expectFixed([ctr({ livenessProbe: { tcpSocket: { host: "x", port: 1 } } })], ID);
  });
});

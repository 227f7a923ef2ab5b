import { describe, expect, it } from "vitest";
import { cronJobChain, deploymentChain, expectFixed, findingsOf, podWith } from "../../../test/support/pss.js";

const ID = "pod.host-namespaces";

describe(ID, () => {
  it.each([
    ["hostPID", "critical"],
    ["hostNetwork", "high"],
    ["hostIPC", "high"],
  ])("flags %s with severity %s", (field, severity) => {
    const found = findingsOf(ID, [podWith({ [field]: true })]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: `spec.${field}`, severity });
  });

  it.each([
    ["unset", {}],
    ["false", { hostPID: false, hostNetwork: false, hostIPC: false }],
    ["a string", { hostPID: "true" }],
  ])("passes when host namespaces are %s", (_, spec) => {
    expect(findingsOf(ID, [podWith(spec)])).toEqual([]);
  });

  it("reports a Deployment chain once, on the Deployment", () => {
    const found = findingsOf(ID, deploymentChain({ hostPID: true, containers: [{ name: "a" }] }));
    expect(found.map((f) => `${f.resource.kind}:${f.path}`)).toEqual(["Deployment:spec.template.spec.hostPID"]);
  });

  it("fixes a bare pod, a Deployment chain and a CronJob chain", () => {
    expectFixed([podWith({ hostPID: true, hostIPC: true })], ID);
    const rt = expectFixed(deploymentChain({ hostNetwork: true, containers: [{ name: "a" }] }), ID);
    expect(rt.plans.map((p) => p.target.kind)).toEqual(["Deployment"]);
    expect(rt.plans[0]!.body).toEqual({ spec: { template: { spec: { hostNetwork: false } } } });
    const cj = expectFixed(cronJobChain({ hostIPC: true, containers: [{ name: "a" }] }), ID);
    expect(cj.plans.map((p) => p.target.kind)).toEqual(["CronJob"]);
  });
});

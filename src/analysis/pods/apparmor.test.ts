import { describe, expect, it } from "vitest";
import { deploymentChain, expectFixed, findingsOf, podWith, podWithContainer } from "../../../test/support/pss.js";

const ID = "pod.apparmor";
const KEY = "container.apparmor.security.beta.kubernetes.io/app";
const annotated = (value: string) => podWith({}, { annotations: { [KEY]: value } });

describe(ID, () => {
  it.each([
    ["annotation unconfined", annotated("unconfined"), `metadata.annotations['${KEY}']`],
    [
      "pod field Unconfined",
      podWith({ securityContext: { appArmorProfile: { type: "Unconfined" } } }),
      "spec.securityContext.appArmorProfile.type",
    ],
    [
      "container field Unconfined",
      podWithContainer({ appArmorProfile: { type: "Unconfined" } }),
      "spec.containers[0].securityContext.appArmorProfile.type",
    ],
  ])("flags %s", (_, pod, path) => {
    expect(findingsOf(ID, [pod]).map((f) => f.path)).toEqual([path]);
  });

  it.each([
    ["no profile", podWith({})],
    ["annotation runtime/default", annotated("runtime/default")],
    ["annotation localhost/x", annotated("localhost/k8s-nginx")],
    ["field RuntimeDefault", podWithContainer({ appArmorProfile: { type: "RuntimeDefault" } })],
    [
      "field Localhost",
      podWith({ securityContext: { appArmorProfile: { type: "Localhost", localhostProfile: "p" } } }),
    ],
    ["an unrelated annotation", podWith({}, { annotations: { "example.com/x": "unconfined" } })],
  ])("passes with %s", (_, pod) => {
    expect(findingsOf(ID, [pod])).toEqual([]);
  });

  it("fixes the annotation on a Deployment's template metadata", () => {
    const rt = expectFixed(
      deploymentChain({ containers: [{ name: "app" }] }, { annotations: { [KEY]: "unconfined" } }),
      ID,
    );
    expect(rt.plans[0]!.body).toEqual({ spec: { template: { metadata: { annotations: { [KEY]: null } } } } });
    expect(rt.before.findings.filter((f) => f.check === ID).map((f) => f.resource.kind)).toEqual(["Deployment"]);
  });

  it("fixes the fields", () => {
    expectFixed([podWithContainer({ appArmorProfile: { type: "Unconfined" } })], ID);
    expectFixed([podWith({ securityContext: { appArmorProfile: { type: "Unconfined" } } })], ID);
  });
});

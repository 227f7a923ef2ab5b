import { describe, expect, it } from "vitest";
import { expectFixed, findingsOf, podWith, podWithContainer } from "../../../test/support/pss.js";

const ID = "pod.seccomp-unconfined";
const profile = (type: unknown) => ({ seccompProfile: { type } });

describe(ID, () => {
  it.each([
    ["pod level", podWith({ securityContext: profile("Unconfined") }), "spec.securityContext.seccompProfile.type"],
    ["a container", podWithContainer(profile("Unconfined")), "spec.containers[0].securityContext.seccompProfile.type"],
    [
      "an ephemeral container",
      podWith({ ephemeralContainers: [{ name: "e", securityContext: profile("Unconfined") }] }),
      "spec.ephemeralContainers[0].securityContext.seccompProfile.type",
    ],
    [
      "a container overriding a good pod profile",
      podWithContainer(profile("Unconfined"), { securityContext: profile("RuntimeDefault") }),
      "spec.containers[0].securityContext.seccompProfile.type",
    ],
  ])("flags Unconfined at %s", (_, pod, path) => {
    expect(findingsOf(ID, [pod]).map((f) => f.path)).toEqual([path]);
  });

  it.each([
    ["unset (baseline allows it)", podWith({})],
    ["RuntimeDefault", podWithContainer(profile("RuntimeDefault"))],
    ["Localhost", podWith({ securityContext: { seccompProfile: { type: "Localhost", localhostProfile: "p.json" } } })],
  ])("passes when %s", (_, pod) => {
    expect(findingsOf(ID, [pod])).toEqual([]);
  });

  it("fixes pod and container level", () => {
    expectFixed([podWith({ securityContext: profile("Unconfined") })], ID);
    expectFixed([podWithContainer(profile("Unconfined"))], ID);
  });
});

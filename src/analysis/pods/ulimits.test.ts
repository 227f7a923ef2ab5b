import { describe, expect, it } from "vitest";
import { expectFixed, findingsOf, levelOf, podWith, podWithContainer } from "../../../test/support/pss.js";

const ID = "pod.ulimits";
const nofile = { nofile: { soft: 1024, hard: 2048 } };

describe(ID, () => {
  it.each([
    ["a container", podWithContainer({ ulimits: nofile }), "spec.containers[0].securityContext.ulimits"],
    [
      "an init container",
      podWith({
        initContainers: [
          { name: "i", image: "busybox:1.36", securityContext: { ulimits: { core: { soft: 1, hard: 1 } } } },
        ],
      }),
      "spec.initContainers[0].securityContext.ulimits",
    ],
    [
      "an ephemeral container",
      podWith({ ephemeralContainers: [{ name: "e", image: "busybox:1.36", securityContext: { ulimits: nofile } }] }),
      "spec.ephemeralContainers[0].securityContext.ulimits",
    ],
  ])("flags ulimits set in %s (baseline since Kubernetes 1.37)", (_, pod, path) => {
    expect(findingsOf(ID, [pod]).map((f) => f.path)).toEqual([path]);
    expect(levelOf([pod])).toBe("privileged");
  });

  it.each([
    ["unset", undefined],
    ["null", null],
    ["empty", {}],
  ])("passes when ulimits is %s", (_, value) => {
    const pod = podWithContainer(value === undefined ? {} : { ulimits: value });
    expect(findingsOf(ID, [pod])).toEqual([]);
  });

  it("the fix removes ulimits from the container", () => {
    expectFixed([podWithContainer({ ulimits: nofile })], ID);
  });
});

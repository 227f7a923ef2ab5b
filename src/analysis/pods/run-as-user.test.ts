import { describe, expect, it } from "vitest";
import { expectFixed, findingsOf, podWith, podWithContainer } from "../../../test/support/pss.js";

const ID = "pod.run-as-user";

describe(ID, () => {
  it.each([
    ["pod level", podWith({ securityContext: { runAsUser: 0 } }), ["spec.securityContext.runAsUser"]],
    ["a container", podWithContainer({ runAsUser: 0 }), ["spec.containers[0].securityContext.runAsUser"]],
    [
      "pod level even when the container overrides it",
      podWithContainer({ runAsUser: 1000 }, { securityContext: { runAsUser: 0 } }),
      ["spec.securityContext.runAsUser"],
    ],
  ])("flags UID 0 at %s", (_, pod, paths) => {
    expect(findingsOf(ID, [pod]).map((f) => f.path)).toEqual(paths);
  });

  it.each([
    ["unset", podWith({})],
    ["1000", podWithContainer({ runAsUser: 1000 })],
    ["a string", podWithContainer({ runAsUser: "0" })],
    ["0 in a user namespace (hostUsers: false)", podWithContainer({ runAsUser: 0 }, { hostUsers: false })],
  ])("passes when runAsUser is %s", (_, pod) => {
    expect(findingsOf(ID, [pod])).toEqual([]);
  });

  it("fixes by removing the explicit root UID", () => {
    const rt = expectFixed([podWithContainer({ runAsUser: 0, runAsGroup: 1 })], ID);
    const spec = (rt.plans[0]!.body as { spec: { containers: { securityContext: unknown }[] } }).spec;
    expect(spec.containers[0]!.securityContext).toEqual({ runAsGroup: 1 });
    expectFixed([podWith({ securityContext: { runAsUser: 0 } })], ID);
  });
});

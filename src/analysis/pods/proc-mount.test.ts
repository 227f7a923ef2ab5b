import { describe, expect, it } from "vitest";
import {
  expectFixed,
  findingsOf,
  levelOf,
  podWith,
  podWithContainer,
  restrictedSpec,
} from "../../../test/support/pss.js";

const ID = "pod.proc-mount";

describe(ID, () => {
  it.each([
    ["a container", podWithContainer({ procMount: "Unmasked" })],
    ["an init container", podWith({ initContainers: [{ name: "i", securityContext: { procMount: "Unmasked" } }] })],
  ])("flags Unmasked on %s", (_, pod) => {
    const found = findingsOf(ID, [pod]);
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe("high");
  });

  it.each([
    ["unset", podWithContainer(undefined)],
    ["Default", podWithContainer({ procMount: "Default" })],
  ])("passes when procMount is %s", (_, pod) => {
    expect(findingsOf(ID, [pod])).toEqual([]);
  });

  it("in a user namespace only restricted is broken (baseline relaxation, policy 1.35)", () => {
    const unmasked = {
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] }, procMount: "Unmasked" },
    };
    const pod = podWith(restrictedSpec({ hostUsers: false }, unmasked));
    expect(findingsOf(ID, [pod])[0]!.severity).toBe("low");
    expect(levelOf([pod])).toBe("baseline");
    expect(levelOf([podWith(restrictedSpec({}, unmasked))])).toBe("privileged");
  });

  it("fixes by removing procMount", () => {
    expectFixed([podWithContainer({ procMount: "Unmasked" })], ID);
  });
});

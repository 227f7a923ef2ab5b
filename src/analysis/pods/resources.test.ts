import { describe, expect, it } from "vitest";
import { findingsOf, levelOf, podWith, podWithContainer, restrictedSpec } from "../../../test/support/pss.js";
import { analyze } from "../../../test/support/store.js";

const ID = "pod.resources-missing";

describe(ID, () => {
  it.each([
    ["no resources", podWithContainer(undefined), "cpu or memory"],
    ["only requests", podWithContainer(undefined, {}, { resources: { requests: { cpu: "1" } } }), "cpu or memory"],
    ["no memory limit", podWithContainer(undefined, {}, { resources: { limits: { cpu: "1" } } }), "memory"],
  ])("flags %s", (_, pod, what) => {
    const found = findingsOf(ID, [pod]);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain(`no ${what} limit`);
    expect(found[0]!.severity).toBe("low");
  });

  it.each([
    ["both limits", podWithContainer(undefined, {}, { resources: { limits: { cpu: "1", memory: "1Gi" } } })],
    [
      "an ephemeral container (cannot set resources)",
      podWith({ containers: [], ephemeralContainers: [{ name: "e" }] }),
    ],
  ])("passes with %s", (_, pod) => {
    expect(findingsOf(ID, [pod])).toEqual([]);
  });

  it("has no fix and does not change the PSS level", () => {
    // A pod meeting restricted, but for its limits: flagged, yet still restricted.
    const pod = podWith(restrictedSpec({}, { resources: {} }));
    const { result } = analyze([pod]);
    const found = result.findings.filter((f) => f.check === ID);
    expect(found).toHaveLength(1);
    expect(found[0]!.fix).toBeUndefined();
    expect(levelOf([pod])).toBe("restricted");
    expect(levelOf([podWith(restrictedSpec())])).toBe("restricted");
    // and a baseline pod stays baseline with or without limits
    expect(levelOf([podWithContainer(undefined)])).toBe("baseline");
  });
});

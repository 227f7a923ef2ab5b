import { describe, expect, it } from "vitest";
import { expectFixed, findingsOf, podWith, restrictedSpec } from "../../../test/support/pss.js";
import { roundTrip } from "../../../test/support/roundtrip.js";

const ID = "pod.capabilities-restricted";
const withCaps = (caps: unknown, spec = {}) =>
  podWith(restrictedSpec(spec, { securityContext: { allowPrivilegeEscalation: false, capabilities: caps } }));

describe(ID, () => {
  it.each([
    ["no drop", withCaps(undefined), "drop"],
    ["drop of some capabilities only", withCaps({ drop: ["NET_RAW"] }), "drop"],
    ["drop ALL but add CHOWN", withCaps({ drop: ["ALL"], add: ["CHOWN"] }), "add"],
    ["lower-case all (PSA compares exactly)", withCaps({ drop: ["all"] }), "drop"],
  ])("flags %s", (_, pod, field) => {
    const found = findingsOf(ID, [pod]);
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toBe(`spec.containers[0].securityContext.capabilities.${field}`);
  });

  it.each([
    ["drop ALL", withCaps({ drop: ["ALL"] })],
    ["drop ALL, add NET_BIND_SERVICE", withCaps({ drop: ["ALL"], add: ["NET_BIND_SERVICE"] })],
    ["a Windows pod without drops (exempt)", withCaps(undefined, { os: { name: "windows" } })],
  ])("passes with %s", (_, pod) => {
    expect(findingsOf(ID, [pod])).toEqual([]);
  });

  it("does not double-report adds outside the baseline set", () => {
    expect(findingsOf(ID, [withCaps({ drop: ["ALL"], add: ["SYS_ADMIN"] })])).toEqual([]);
  });

  it("fixes: adds ALL to the existing drops and filters adds", () => {
    const rt = expectFixed([withCaps({ drop: ["NET_RAW"], add: ["CHOWN", "NET_BIND_SERVICE"] })], ID);
    const spec = (rt.plans[0]!.body as { spec: { containers: { securityContext: unknown }[] } }).spec;
    expect(spec.containers[0]!.securityContext).toMatchObject({
      capabilities: { drop: ["NET_RAW", "ALL"], add: ["NET_BIND_SERVICE"] },
    });
  });

  it("baseline and restricted capability fixes on one container merge into one patch that clears both", () => {
    const rt = roundTrip([withCaps({ add: ["SYS_ADMIN", "CHOWN"] })], ["pod.capabilities", ID]);
    expect(rt.before.findings.filter((f) => f.check.startsWith("pod.capabilities"))).toHaveLength(2);
    expect(rt.plans).toHaveLength(1);
    expect(rt.remaining).toEqual([]);
    expect(rt.introduced).toEqual([]);
  });
});

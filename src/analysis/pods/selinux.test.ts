import { describe, expect, it } from "vitest";
import { expectFixed, findingsOf, podWith, podWithContainer } from "../../../test/support/pss.js";

const ID = "pod.selinux";
const podSel = (o: unknown) => podWith({ securityContext: { seLinuxOptions: o } });
const ctrSel = (o: unknown) => podWithContainer({ seLinuxOptions: o });

describe(ID, () => {
  it.each([
    ["pod type spc_t", podSel({ type: "spc_t" }), "high"],
    ["container type custom_t", ctrSel({ type: "custom_t" }), "medium"],
    ["a user", ctrSel({ user: "system_u" }), "medium"],
    ["a role", podSel({ role: "sysadm_r" }), "medium"],
  ])("flags %s", (_, pod, severity) => {
    const found = findingsOf(ID, [pod]);
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe(severity);
  });

  it.each([
    ["none", podWith({})],
    ["container_t", ctrSel({ type: "container_t" })],
    ["container_init_t", podSel({ type: "container_init_t" })],
    ["container_kvm_t", ctrSel({ type: "container_kvm_t" })],
    ["container_engine_t (1.31+)", ctrSel({ type: "container_engine_t" })],
    ["only a level", podSel({ level: "s0:c123,c456" })],
    ["empty user and role", ctrSel({ user: "", role: "" })],
  ])("passes with %s", (_, pod) => {
    expect(findingsOf(ID, [pod])).toEqual([]);
  });

  it("fixes by removing only the forbidden fields (level stays)", () => {
    const rt = expectFixed([podSel({ type: "spc_t", user: "u", level: "s0" })], ID);
    const body = rt.plans[0]!.body as { spec: { securityContext: unknown } };
    expect(body.spec.securityContext).toEqual({ seLinuxOptions: { level: "s0" } });
    expectFixed([ctrSel({ role: "r" })], ID);
  });
});

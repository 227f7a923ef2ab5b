import { describe, expect, it } from "vitest";
import { expectFixed, findingsOf, podWith } from "../../../test/support/pss.js";

const ID = "pod.sysctls";
const withSysctls = (...names: unknown[]) =>
  podWith({ securityContext: { sysctls: names.map((name) => ({ name, value: "1" })) } });

describe(ID, () => {
  it.each(["kernel.msgmax", "net.core.somaxconn", "vm.swappiness", "net.ipv4.tcp_congestion_control"])(
    "flags %s",
    (name) => {
      expect(findingsOf(ID, [withSysctls(name)]).map((f) => f.path)).toEqual(["spec.securityContext.sysctls[0].name"]);
    },
  );

  it.each([
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
    "net.ipv4.tcp_rmem",
    "net.ipv4.tcp_wmem",
    // Added to the safe set by policy 1.37.
    "net.ipv4.tcp_slow_start_after_idle",
    "net.ipv4.tcp_notsent_lowat",
  ])("passes with safe sysctl %s", (name) => {
    expect(findingsOf(ID, [withSysctls(name)])).toEqual([]);
  });

  it("reports each unsafe sysctl and the fix keeps the safe ones", () => {
    const pod = withSysctls("net.ipv4.tcp_syncookies", "kernel.msgmax", "kernel.sem");
    expect(findingsOf(ID, [pod])).toHaveLength(2);
    const rt = expectFixed([pod], ID);
    const body = rt.plans[0]!.body as { spec: { securityContext: unknown } };
    expect(body.spec.securityContext).toEqual({ sysctls: [{ name: "net.ipv4.tcp_syncookies", value: "1" }] });
  });
});

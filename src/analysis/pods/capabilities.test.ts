import { describe, expect, it } from "vitest";
import { deploymentChain, expectFixed, findingsOf, podWith, podWithContainer } from "../../../test/support/pss.js";

const ID = "pod.capabilities";
const add = (...caps: unknown[]) => ({ capabilities: { add: caps } });

describe(ID, () => {
  it.each([
    ["SYS_ADMIN", add("SYS_ADMIN"), "high"],
    ["NET_ADMIN", add("NET_ADMIN", "CHOWN"), "high"],
    ["NET_RAW (outside the baseline list)", add("NET_RAW"), "medium"],
    ["ALL", add("ALL"), "high"],
  ])("flags %s", (_, sc, severity) => {
    const found = findingsOf(ID, [podWithContainer(sc)]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity, path: "spec.containers[0].securityContext.capabilities.add" });
  });

  it("flags init and ephemeral containers", () => {
    const pod = podWith({
      initContainers: [{ name: "i", securityContext: add("SYS_PTRACE") }],
      ephemeralContainers: [{ name: "e", securityContext: add("SYS_PTRACE") }],
    });
    expect(
      findingsOf(ID, [pod])
        .map((f) => f.container)
        .sort(),
    ).toEqual(["e", "i"]);
  });

  it.each([
    ["no capabilities", podWithContainer(undefined)],
    [
      "the full baseline allow-list",
      podWithContainer(
        add(
          "AUDIT_WRITE",
          "CHOWN",
          "DAC_OVERRIDE",
          "FOWNER",
          "FSETID",
          "KILL",
          "MKNOD",
          "NET_BIND_SERVICE",
          "SETFCAP",
          "SETGID",
          "SETPCAP",
          "SETUID",
          "SYS_CHROOT",
        ),
      ),
    ],
    ["only drops", podWithContainer({ capabilities: { drop: ["ALL"] } })],
    ["add of the wrong type", podWithContainer({ capabilities: { add: "SYS_ADMIN" } })],
  ])("passes with %s", (_, pod) => {
    expect(findingsOf(ID, [pod])).toEqual([]);
  });

  it("fix keeps the allowed capabilities and removes the others", () => {
    const rt = expectFixed(
      deploymentChain({ containers: [{ name: "a", securityContext: add("NET_ADMIN", "CHOWN") }] }),
      ID,
    );
    expect(rt.plans[0]!.body).toEqual({
      spec: {
        template: { spec: { containers: [{ name: "a", securityContext: { capabilities: { add: ["CHOWN"] } } }] } },
      },
    });
    expectFixed([podWithContainer(add("SYS_ADMIN"))], ID);
  });
});

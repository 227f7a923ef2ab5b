import { describe, expect, it } from "vitest";
import { rule } from "../../../../test/support/rbac.js";
import { boundRules, findingOf } from "../../../../test/support/rbac-check.js";

const ID = "rbac.destructive-delete";

describe(ID, () => {
  it.each([
    ["namespaces cluster-wide", [rule(["delete"], ["namespaces"])], undefined, "high", /in every namespace/],
    ["namespaces via a RoleBinding (its own namespace)", [rule(["delete"], ["namespaces"])], "t", "medium", /in t/],
    ["deployments cluster-wide", [rule(["delete"], ["deployments"], ["apps"])], undefined, "high", /every namespace/],
    ["statefulsets in a namespace", [rule(["deletecollection"], ["statefulsets"], ["apps"])], "t", "medium", /in t/],
    ["PVCs in a namespace", [rule(["delete"], ["persistentvolumeclaims"])], "t", "medium", /in t/],
    ["secrets cluster-wide", [rule(["deletecollection"], ["secrets"])], undefined, "high", /every namespace/],
    ["cronjobs", [rule(["delete"], ["cronjobs"], ["batch"])], undefined, "high", /every namespace/],
  ])("flags delete on %s", (_, rules, ns, severity, message) => {
    const f = findingOf(ID, boundRules(rules, ns));
    expect(f?.severity).toBe(severity);
    expect(f?.message).toMatch(message);
  });

  it.each([
    ["reading", [rule(["get", "list"], ["persistentvolumeclaims", "deployments"], ["", "apps"])]],
    ["deleting ConfigMaps", [rule(["delete"], ["configmaps"])]],
    ["deleting one named pod", [rule(["delete"], ["pods"], [""], { resourceNames: ["stuck-pod"] })]],
  ])("passes %s", (_, rules) => {
    expect(findingOf(ID, boundRules(rules))).toBeUndefined();
  });

  it("the fix narrows an own role: the delete rule goes, the rest stays", async () => {
    const { roundTrip } = await import("../../../../test/support/roundtrip.js");
    const rt = roundTrip(
      [
        ...boundRules([rule(["get", "list"], ["pods"]), rule(["delete"], ["pods"])], "t"),
        { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "app", namespace: "t" } },
      ],
      [ID],
    );
    expect(rt.before.findings.some((f) => f.check === ID)).toBe(true);
    expect(rt.remaining).toEqual([]);
  });
});

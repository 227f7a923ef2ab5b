import { describe, expect, it } from "vitest";
import { rule } from "../../../../test/support/rbac.js";
import { boundRules, findingOf } from "../../../../test/support/rbac-check.js";

const ID = "rbac.kube-system-configmap-write";

describe(ID, () => {
  it.each([
    ["patch configmaps cluster-wide", [rule(["patch"], ["configmaps"])], undefined, /CoreDNS/],
    [
      "update configmaps through a RoleBinding in kube-system",
      [rule(["update"], ["configmaps"])],
      "kube-system",
      /kube-system/,
    ],
    [
      "patch only the coredns ConfigMap (resourceNames do not make it safe)",
      [rule(["patch"], ["configmaps"], [""], { resourceNames: ["coredns"] })],
      "kube-system",
      /CoreDNS/,
    ],
    ["create configmaps cluster-wide", [rule(["create"], ["configmaps"])], undefined, /CoreDNS/],
  ])("flags %s", (_, rules, ns, message) => {
    const f = findingOf(ID, boundRules(rules, ns));
    expect(f?.severity).toBe("high");
    expect(f?.message).toMatch(message);
  });

  it.each([
    ["writing configmaps in an application namespace", [rule(["patch", "update"], ["configmaps"])], "t"],
    ["reading configmaps cluster-wide", [rule(["get", "list", "watch"], ["configmaps"])], undefined],
  ])("passes %s", (_, rules, ns) => {
    expect(findingOf(ID, boundRules(rules, ns))).toBeUndefined();
  });
});

describe(`${ID}: fixes`, () => {
  it("the fix removes the binding in kube-system; narrowing a role for another check keeps ConfigMap writes elsewhere", async () => {
    const { roundTrip } = await import("../../../../test/support/roundtrip.js");
    const rt = roundTrip(boundRules([rule(["patch"], ["configmaps"])], "kube-system"), [ID]);
    expect(rt.plans.map((p) => p.commands)).toEqual([["kubectl delete rolebinding/b -n kube-system"]]);
    // A role bound in an application namespace that also reads secrets: the narrowed role keeps its ConfigMap write.
    const app = roundTrip(boundRules([rule(["get"], ["secrets"]), rule(["patch"], ["configmaps"])], "t"), [
      "rbac.secrets-read",
    ]);
    const body = JSON.stringify(app.plans.map((p) => p.body));
    expect(body).toContain("configmaps");
    expect(body).not.toContain("secrets");
  });
});

import { describe, expect, it } from "vitest";
import { rule } from "../../../../test/support/rbac.js";
import { boundRules, findingOf } from "../../../../test/support/rbac-check.js";

const ID = "rbac.events-delete";

describe(ID, () => {
  it.each([
    ["delete core events cluster-wide", [rule(["delete"], ["events"])], undefined, "medium"],
    [
      "deletecollection events.k8s.io events cluster-wide",
      [rule(["deletecollection"], ["events"], ["events.k8s.io"])],
      undefined,
      "medium",
    ],
    ["delete events in a namespace", [rule(["delete"], ["events"])], "t", "low"],
    ["even one named event", [rule(["delete"], ["events"], [""], { resourceNames: ["x"] })], "t", "low"],
  ])("flags %s", (_, rules, ns, severity) => {
    const f = findingOf(ID, boundRules(rules, ns));
    expect(f?.severity).toBe(severity);
    expect(f?.message).toMatch(/can delete Events/);
  });

  it.each([
    ["reading events", [rule(["get", "list", "watch"], ["events"])]],
    ["creating events (what controllers do)", [rule(["create", "patch"], ["events"])]],
    ["deleting something else", [rule(["delete"], ["configmaps"])]],
  ])("passes %s", (_, rules) => {
    expect(findingOf(ID, boundRules(rules))).toBeUndefined();
  });
});

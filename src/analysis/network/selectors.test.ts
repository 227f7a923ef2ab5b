import { describe, expect, it } from "vitest";
import { describeSelector, isEmpty, matches, parseSelector } from "./selectors.js";

const labels = { app: "web", tier: "frontend" };

describe("label selectors", () => {
  it.each([
    ["empty selector matches everything", {}, labels, true],
    ["empty selector matches a pod without labels", {}, {}, true],
    ["matchLabels equal", { matchLabels: { app: "web" } }, labels, true],
    ["matchLabels different value", { matchLabels: { app: "db" } }, labels, false],
    ["matchLabels every pair must match", { matchLabels: { app: "web", tier: "data" } }, labels, false],
    ["In with the value", { matchExpressions: [{ key: "app", operator: "In", values: ["db", "web"] }] }, labels, true],
    ["In without the value", { matchExpressions: [{ key: "app", operator: "In", values: ["db"] }] }, labels, false],
    ["In on a missing key", { matchExpressions: [{ key: "env", operator: "In", values: ["x"] }] }, labels, false],
    [
      "NotIn with another value",
      { matchExpressions: [{ key: "app", operator: "NotIn", values: ["db"] }] },
      labels,
      true,
    ],
    ["NotIn with the value", { matchExpressions: [{ key: "app", operator: "NotIn", values: ["web"] }] }, labels, false],
    [
      "NotIn on a missing key matches",
      { matchExpressions: [{ key: "env", operator: "NotIn", values: ["x"] }] },
      labels,
      true,
    ],
    ["Exists on a present key", { matchExpressions: [{ key: "tier", operator: "Exists" }] }, labels, true],
    ["Exists on a missing key", { matchExpressions: [{ key: "env", operator: "Exists" }] }, labels, false],
    ["DoesNotExist on a missing key", { matchExpressions: [{ key: "env", operator: "DoesNotExist" }] }, labels, true],
    ["DoesNotExist on a present key", { matchExpressions: [{ key: "app", operator: "DoesNotExist" }] }, labels, false],
    [
      "matchLabels AND matchExpressions",
      { matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In", values: ["data"] }] },
      labels,
      false,
    ],
    [
      "unknown operator matches nothing",
      { matchExpressions: [{ key: "app", operator: "Gt", values: ["1"] }] },
      labels,
      false,
    ],
    ["matchLabels of the wrong type matches nothing", { matchLabels: "app=web" }, labels, false],
    ["a non-object matches nothing", "app=web", labels, false],
  ])("%s", (_, raw, l, expected) => {
    expect(matches(parseSelector(raw), l)).toBe(expected);
  });

  it("knows the empty selector and describes selectors kubectl-style", () => {
    expect(isEmpty(parseSelector({}))).toBe(true);
    expect(isEmpty(parseSelector({ matchLabels: { a: "b" } }))).toBe(false);
    expect(isEmpty(parseSelector(42))).toBe(false);
    expect(
      describeSelector(
        parseSelector({
          matchLabels: { app: "web" },
          matchExpressions: [
            { key: "t", operator: "In", values: ["a", "b"] },
            { key: "x", operator: "Exists" },
            { key: "y", operator: "DoesNotExist" },
          ],
        }),
      ),
    ).toBe("app=web,t in (a,b),x,!y");
  });
});

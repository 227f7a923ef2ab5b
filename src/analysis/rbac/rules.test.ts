import { describe, expect, it } from "vitest";
import { normalizeRule, ruleAllows, ruleAllowsURL } from "./rules.js";

const r = (verbs: string[], resources: string[], apiGroups: string[] = [""], resourceNames: string[] = []) =>
  normalizeRule({ verbs, resources, apiGroups, resourceNames })!;

describe("rule matching (RBAC authorizer semantics)", () => {
  const cases: [string, ReturnType<typeof r>, Parameters<typeof ruleAllows>[1], boolean][] = [
    ["exact", r(["get"], ["secrets"]), { verb: "get", apiGroup: "", resource: "secrets" }, true],
    ["other verb", r(["get"], ["secrets"]), { verb: "list", apiGroup: "", resource: "secrets" }, false],
    ["wildcard verb", r(["*"], ["secrets"]), { verb: "delete", apiGroup: "", resource: "secrets" }, true],
    [
      "other group",
      r(["get"], ["deployments"], ["apps"]),
      { verb: "get", apiGroup: "", resource: "deployments" },
      false,
    ],
    [
      "wildcard group",
      r(["get"], ["deployments"], ["*"]),
      { verb: "get", apiGroup: "apps", resource: "deployments" },
      true,
    ],
    ["wildcard resource", r(["get"], ["*"]), { verb: "get", apiGroup: "", resource: "secrets" }, true],
    [
      "wildcard resource covers subresources",
      r(["create"], ["*"]),
      { verb: "create", apiGroup: "", resource: "pods/exec" },
      true,
    ],
    [
      "resource does not cover its subresource",
      r(["create"], ["pods"]),
      { verb: "create", apiGroup: "", resource: "pods/exec" },
      false,
    ],
    ["exact subresource", r(["create"], ["pods/exec"]), { verb: "create", apiGroup: "", resource: "pods/exec" }, true],
    [
      "pods/* covers pods/exec",
      r(["create"], ["pods/*"]),
      { verb: "create", apiGroup: "", resource: "pods/exec" },
      true,
    ],
    [
      "pods/* does not cover pods",
      r(["create"], ["pods/*"]),
      { verb: "create", apiGroup: "", resource: "pods" },
      false,
    ],
    [
      "*/scale covers deployments/scale",
      r(["update"], ["*/scale"], ["apps"]),
      { verb: "update", apiGroup: "apps", resource: "deployments/scale" },
      true,
    ],
    [
      "*/scale not deployments",
      r(["update"], ["*/scale"], ["apps"]),
      { verb: "update", apiGroup: "apps", resource: "deployments" },
      false,
    ],
    [
      "resourceNames without a name",
      r(["get"], ["secrets"], [""], ["a"]),
      { verb: "get", apiGroup: "", resource: "secrets" },
      false,
    ],
    [
      "resourceNames with that name",
      r(["get"], ["secrets"], [""], ["a"]),
      { verb: "get", apiGroup: "", resource: "secrets", name: "a" },
      true,
    ],
    [
      "resourceNames with another name",
      r(["get"], ["secrets"], [""], ["a"]),
      { verb: "get", apiGroup: "", resource: "secrets", name: "b" },
      false,
    ],
    ["unknown group matches any", r(["get"], ["widgets"], ["example.com"]), { verb: "get", resource: "widgets" }, true],
  ];
  it.each(cases)("%s", (_name, rule, access, expected) => {
    expect(ruleAllows(rule, access)).toBe(expected);
  });

  const urls: [string, string[], string, string, boolean][] = [
    ["exact url", ["/metrics"], "get", "/metrics", true],
    ["other url", ["/metrics"], "get", "/healthz", false],
    ["prefix url", ["/logs/*"], "get", "/logs/kubelet.log", true],
    ["prefix does not match sibling", ["/logs/*"], "get", "/logsx", false],
    ["star url", ["*"], "get", "/anything", true],
    ["verb checked", ["/metrics"], "post", "/metrics", false],
  ];
  it.each(urls)("non-resource: %s", (_name, nonResourceURLs, verb, path, expected) => {
    const rule = normalizeRule({ verbs: ["get"], nonResourceURLs })!;
    expect(ruleAllowsURL(rule, verb, path)).toBe(expected);
  });

  it("drops malformed rules instead of throwing", () => {
    expect(normalizeRule(null)).toBeUndefined();
    expect(normalizeRule({ verbs: "get" })).toBeUndefined();
    expect(normalizeRule({ verbs: ["get", 3], resources: [null, "pods"] })).toMatchObject({
      verbs: ["get"],
      resources: ["pods"],
    });
  });
});

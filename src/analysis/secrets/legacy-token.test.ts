import { describe, expect, it } from "vitest";
import { analyzeWith, fakeEngine, fakeRbac, sa } from "../../../test/support/fake-models.js";
import { secretRaw } from "../../../test/support/objects.js";
import { analyze } from "../../../test/support/store.js";
import { planFixes } from "../../patch/plan.js";
import { renderPatch } from "../../patch/render.js";
import { checkCatalog } from "../registry.js";

const CHECK = "secret.legacy-token";
const byAnnotation = secretRaw("ci", "deployer-token", {
  type: undefined,
  metadata: {
    name: "deployer-token",
    namespace: "ci",
    uid: "t1",
    annotations: { "kubernetes.io/service-account.name": "deployer" },
  },
});
const byType = secretRaw("ci", "old-token", { type: "kubernetes.io/service-account-token" });

describe(CHECK, () => {
  it.each([
    ["its type", byType],
    ["the service-account annotation (metadata-only lists have no type)", byAnnotation],
  ])("finds a legacy token Secret by %s", (_, raw) => {
    const f = analyze([raw]).result.findings.filter((x) => x.check === CHECK);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe("medium");
    expect(f[0]!.fix?.type).toBe("none");
  });

  it.each([
    ["an Opaque secret", secretRaw("ci", "x")],
    ["a dockerconfig secret", secretRaw("ci", "x", { type: "kubernetes.io/dockerconfigjson" })],
  ])("passes %s", (_, raw) => {
    expect(analyze([raw]).result.findings.filter((x) => x.check === CHECK)).toEqual([]);
  });

  it.each([
    [
      "cluster-wide secret reader",
      [{ subject: sa("ci", "deployer"), verbs: ["list"], resources: ["secrets"] }],
      "critical",
    ],
    [
      "pod creator in its namespace",
      [{ subject: sa("ci", "deployer"), verbs: ["create"], resources: ["pods"], namespace: "ci" }],
      "high",
    ],
    ["account with no risky access", [], "medium"],
  ])("ranks by the account's RBAC: %s → %s", (_, grants, severity) => {
    const { result } = analyzeWith([byAnnotation], [fakeEngine("rbac", fakeRbac(grants))]);
    expect(result.findings.find((x) => x.check === CHECK)?.severity).toBe(severity);
  });

  it("plans a kubectl delete command, never a patch", () => {
    const { store, result } = analyze([byType]);
    const plans = planFixes(
      result.findings.filter((f) => f.check === CHECK),
      store,
      checkCatalog(),
    );
    expect(plans).toHaveLength(1);
    expect(plans[0]!.type).toBe("none");
    expect(renderPatch(plans[0]!).commands).toEqual(["kubectl delete secret old-token -n ci"]);
  });
});

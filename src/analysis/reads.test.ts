import { describe, expect, it } from "vitest";
import { storeOf } from "../../test/support/store.js";
import { project } from "../cluster/project.js";
import { OwnerTops } from "../store/owner.js";
import { Analyzer } from "./analyzer.js";
import { type AnalysisContext, DEFAULT_OPTIONS, type Engine, type WorkloadCheck } from "./engine.js";
import { makeFinding } from "./finding.js";
import { imagesEngine } from "./images/index.js";
import { ModelSet, type RbacModel } from "./models.js";
import { podsEngine } from "./pods/index.js";
import { inputsOf, partStamp, readsOf, runOrder, scopedContext } from "./reads.js";
import { createEngines } from "./registry.js";
import { secretsEngine } from "./secrets/index.js";
import { WorkloadCheckRunner } from "./workload-checks.js";

const meta = {
  id: "test.reads-rbac",
  title: "reads rbac",
  severity: "low" as const,
  panel: "images" as const,
  description: "",
  remediation: "",
  references: [],
};

const pod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "p", namespace: "t", uid: "uid-p" },
  spec: { containers: [{ name: "app", image: "busybox:1.36" }] },
};

/** A check that says whether it saw an rbac model. */
function sawRbac(declared: boolean): WorkloadCheck {
  return {
    meta,
    ...(declared ? { reads: { models: ["rbac" as const] } } : {}),
    detect: (w, ctx) => [makeFinding({ meta, resource: w.ref, message: ctx.models.rbac ? "rbac" : "none" })],
  };
}

const rbacModel = (): RbacModel => ({ whoCan: () => [], riskyChecksOf: () => [], can: () => false });

describe("the check contract (reads)", () => {
  it("a check sees only the models it declares", () => {
    const store = storeOf([pod]);
    const ctx: AnalysisContext = {
      store,
      options: DEFAULT_OPTIONS,
      models: new ModelSet([["rbac", rbacModel()]]),
      findings: [],
    };
    const messages = (c: WorkloadCheck) =>
      new WorkloadCheckRunner([c]).runObjects(store.list("Pod"), ctx).map((f) => f.message);
    expect(messages(sawRbac(true))).toEqual(["rbac"]);
    expect(messages(sawRbac(false))).toEqual(["none"]);
    expect(scopedContext(sawRbac(true), ctx).store).toBe(store);
    // every field of the pass's context carries over (a new AnalysisContext field must be added there too)
    const full: AnalysisContext = { ...ctx, outputs: new Map(), owners: new OwnerTops(store) };
    expect(Object.keys(scopedContext(sawRbac(false), full)).sort()).toEqual(Object.keys(full).sort());
  });

  it("derives inputs, after and the part stamp from the declarations", () => {
    const reads = readsOf([sawRbac(true), { meta, reads: { kinds: ["ServiceAccount", "Namespace"] } }]);
    expect(reads.models).toEqual(["rbac"]);
    expect(reads.kinds).toEqual(["ServiceAccount", "Namespace"]);
    expect(reads.clusterKinds).toEqual(["Namespace"]);
    expect(inputsOf(["Pod", "Namespace"], reads)).toEqual(["Pod", "Namespace", "ServiceAccount"]);

    const store = storeOf([pod]);
    const stamp = partStamp(reads);
    const a = new ModelSet([["rbac", rbacModel()]]);
    const kept = stamp.deps(store, a, "t");
    expect(stamp.same(kept, store, a, "t")).toBe(true);
    expect(stamp.same(kept, store, new ModelSet([["rbac", rbacModel()]]), "t")).toBe(false);
    // nothing beyond the namespace: the namespace stamp itself
    expect(partStamp(readsOf([sawRbac(false)])).deps(store, a, "t")).toBe(store.namespaceVersion("t"));
  });

  it("an engine is recomputed when a model its checks read changes, with no change in the namespace", () => {
    // secret.token-automount declares it reads the rbac model: a stand-in rbac engine
    // whose model changes between passes, while the store stays as it is.
    let canReadSecrets = false;
    let model = rbacModel();
    const rbacStandIn: Engine = {
      name: "rbac",
      checks: [],
      inputs: ["ClusterRole"],
      run: () => ({ findings: [], model }),
    };
    // its own service account: the default one's token is flagged whatever its power
    const store = storeOf([{ ...pod, spec: { ...pod.spec, serviceAccountName: "app" } }]);
    const analyzer = new Analyzer(store, [rbacStandIn, secretsEngine()], DEFAULT_OPTIONS);
    const automount = () => analyzer.run().findings.filter((f) => f.check === "secret.token-automount");
    expect(automount()).toEqual([]);
    canReadSecrets = true;
    model = {
      ...rbacModel(),
      can: (s, q) => canReadSecrets && s.kind === "ServiceAccount" && q.resource === "secrets",
    };
    // A cluster-scoped change: namespace t's version stays; only the rbac model is new.
    const before = store.namespaceVersion("t");
    const role = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "r", uid: "r" } };
    store.apply([{ type: "added", object: project(role)! }]);
    expect(store.namespaceVersion("t")).toBe(before);
    const found = automount();
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("secrets");
  });

  it("runs an engine after the engines whose models its checks read, else in the given order", () => {
    const e = (name: string, after?: string[]): Engine => ({
      name,
      checks: [],
      inputs: [],
      ...(after ? { after } : {}),
      run: () => ({ findings: [] }),
    });
    const names = (list: Engine[]) => list.map((x) => x.name);
    expect(names(runOrder([e("pods"), e("images"), e("rbac"), e("secrets", ["rbac"])]))).toEqual([
      "pods",
      "images",
      "rbac",
      "secrets",
    ]);
    expect(names(runOrder([e("images", ["rbac"]), e("pods"), e("rbac")]))).toEqual(["rbac", "images", "pods"]);
    expect(names(runOrder([e("a", ["b"]), e("b", ["a"])]))).toEqual(["b", "a"]);
    expect(names(runOrder([e("a", ["missing"])]))).toEqual(["a"]);
    // the built-in order already satisfies every `after`: unchanged
    expect(names(runOrder(createEngines()))).toEqual(names(createEngines()));
  });

  it("the built-in engines declare what their checks read", () => {
    expect(secretsEngine().after).toEqual(["rbac"]);
    expect(secretsEngine().inputs).toEqual(expect.arrayContaining(["ServiceAccount", "Secret", "ConfigMap"]));
    expect(imagesEngine().after).toEqual([]);
    expect(podsEngine().inputs).toContain("Namespace");
  });
});

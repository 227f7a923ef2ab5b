import { describe, expect, it } from "vitest";
import { Analyzer } from "../../src/analysis/analyzer.js";
import { DEFAULT_OPTIONS, type Engine, type WorkloadCheck } from "../../src/analysis/engine.js";
import { ModelSet } from "../../src/analysis/models.js";
import { WorkloadCheckRunner } from "../../src/analysis/workload-checks.js";
import { storeOf } from "../support/store.js";
import { expectWarnings, takeWarnings } from "../support/warnings.js";

const pod = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "p", namespace: "t", uid: "uid-p" },
  spec: { containers: [{ name: "app", image: "busybox:1.36" }] },
};

const throwing: WorkloadCheck = {
  meta: {
    id: "test.throws",
    title: "throws",
    severity: "low",
    panel: "pods",
    description: "",
    remediation: "",
    references: [],
  },
  detect: () => {
    throw new Error("boom");
  },
};

describe("tests fail on warnings (test/support/fail-on-warning.ts)", () => {
  it("records a warning for the setup file to fail on", () => {
    process.emitWarning("probe");
    expect(takeWarnings()).toEqual(["probe"]);
  });

  it("a check that throws gives no findings and a warning, which a test cannot miss", () => {
    const store = storeOf([pod]);
    const ctx = { store, options: DEFAULT_OPTIONS, models: new ModelSet(), findings: [] };
    const { result, warnings } = expectWarnings(() =>
      new WorkloadCheckRunner([throwing]).runObjects(store.list("Pod"), ctx),
    );
    expect(result).toEqual([]);
    expect(warnings).toEqual(["check test.throws failed on Pod/t/p: Error: boom"]);
    expect(takeWarnings()).toEqual([]);
  });

  it("an engine that throws gives a warning too", () => {
    const engine: Engine = {
      name: "broken",
      checks: [],
      inputs: [],
      run: () => {
        throw new Error("kaput");
      },
    };
    const { result, warnings } = expectWarnings(() => new Analyzer(storeOf([pod]), [engine], DEFAULT_OPTIONS).run());
    expect(result.findings).toEqual([]);
    expect(warnings).toEqual(["engine broken failed: Error: kaput"]);
  });
});

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEYS } from "../support/ink.js";
import { privilegedPod, webChain } from "./harness.js";
import { patchDirMounts } from "./patch-dir.js";

const { open } = patchDirMounts("kubeward-contain-");
const size = { columns: 160, rows: 60 };

describe("containment (c, then w)", () => {
  it("c on a finding about a pod previews the plan; nothing is written until w, which shows where", async () => {
    const { press, out } = await open({ objects: [privilegedPod("suspect")], size });
    let f = await press("c");
    expect(f).toContain("Containment plan for pod ns1/suspect");
    expect(f).toContain("1. Save the evidence");
    expect(f).toContain("$ kubectl get pod suspect -n ns1 -o yaml > evidence/pod.yaml");
    expect(f).toContain("containment plan");
    expect(existsSync(out)).toBe(false);
    f = await press("w");
    const bundle = join(out, "contain_ns1_suspect");
    expect(f).toContain(`Wrote the containment bundle to ${bundle}/`);
    expect(f).toContain(`cd ${bundle} && less RUNBOOK.md`);
    expect(readFileSync(join(bundle, "RUNBOOK.md"), "utf8")).toContain("# Containment runbook: pod ns1/suspect");
  }, 30_000);

  it("in a detail view, c takes the pod row under the cursor", async () => {
    const { press } = await open({ objects: webChain(), size });
    // Deployment finding → its ReplicaSet (the owners row) → the row of the pod it owns.
    await press(KEYS.enter);
    let f = await press(KEYS.enter);
    expect(f).toContain("owns Pod shop/web-abc-1");
    for (let i = 0; i < 5 && !/▶ owners: owns Pod shop\/web-abc-1/.test(f); i++) f = await press("j");
    expect(f).toMatch(/▶ owners: owns Pod shop\/web-abc-1/);
    f = await press("c");
    expect(f).toContain("Containment plan for pod shop/web-abc-1");
    expect(f).toContain("Owned by ReplicaSet web-abc → Deployment web");
  }, 30_000);

  it("c on a finding that is not about a pod says what it needs", async () => {
    const { press } = await open({ objects: webChain(), size });
    const f = await press("c");
    expect(f).toContain("c works on a pod");
  }, 30_000);
});

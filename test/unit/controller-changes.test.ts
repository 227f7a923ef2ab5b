// The controller folds the analyzer's `changes` into its activity feed and
// first-seen table in O(changed); it must say what a full comparison of the
// finding lists says.
import { describe, expect, it, vi } from "vitest";
import type { AnalysisResult } from "../../src/analysis/analyzer.js";
import { Analyzer } from "../../src/analysis/analyzer.js";
import { PANELS } from "../../src/analysis/finding.js";
import { createEngines } from "../../src/analysis/registry.js";
import { Controller, type Snapshot } from "../../src/app/controller.js";
import { countSeverities, freshPanelLists, positionIn } from "../../src/app/panels.js";
import type { KObject } from "../../src/cluster/objects.js";
import { project } from "../../src/cluster/project.js";
import type { SourceEvent } from "../../src/cluster/source.js";
import type { Session } from "../../src/commands/session.js";
import { Store } from "../../src/store/store.js";
import { Triage } from "../../src/triage/triage.js";
import { rng, syntheticCluster } from "../bench/generate.js";

/** A session over `store` whose results keep (or drop) the analyzer's `changes`. */
function sessionOf(store: Store, keepChanges: boolean): Session {
  const analyzer = new Analyzer(store, createEngines());
  return {
    store,
    analyze(): AnalysisResult {
      const r = analyzer.run();
      if (keepChanges) return r;
      const { changes: _, ...rest } = r;
      return rest;
    },
    settled: () => true,
    triage: new Triage(store),
  } as unknown as Session;
}

function privileged(pod: KObject, on: boolean): KObject {
  const containers = (pod.spec?.containers ?? []) as Record<string, unknown>[];
  return {
    ...pod,
    spec: { ...pod.spec, containers: containers.map((c) => ({ ...c, securityContext: { privileged: on } })) },
  };
}

/** What a snapshot says, order-free where the two paths may order alike lines differently. */
function said(s: Snapshot, since: number) {
  return {
    firstSeen: [...s.firstSeen.keys()].sort(),
    activity: s.activity
      .slice(0, s.activity.length - since)
      .map((a) => `${a.kind} ${a.text}`)
      .sort(),
  };
}

describe("controller with analyzer changes", () => {
  it("reports the same new and resolved findings as a full comparison", () => {
    const store = new Store();
    store.apply(
      [...syntheticCluster({ pods: 1000, seed: 5 })].map((raw) => ({ type: "added" as const, object: project(raw)! })),
    );
    vi.useFakeTimers();
    const incremental = new Controller(sessionOf(store, true), 1);
    const full = new Controller(sessionOf(store, false), 1);
    const r = rng(11);
    const pick = (kind: string) => {
      const all = store.list(kind);
      return all[Math.floor(r() * all.length)]!;
    };
    let patched = 0;
    for (let round = 0; round < 12; round++) {
      const events: SourceEvent[] = [];
      for (let i = 0; i < 2; i++) events.push({ type: "modified", object: privileged(pick("Pod"), r() < 0.6) });
      if (round % 3 === 0) events.push({ type: "deleted", object: pick("Pod") });
      if (round % 4 === 1) events.push({ type: "deleted", object: pick("NetworkPolicy") });
      store.apply(events);
      const before = [incremental.current.activity.length, full.current.activity.length];
      vi.advanceTimersByTime(5); // the controllers' throttle
      const a = incremental.current;
      const b = full.current;
      if (a.result.changes?.added.length || a.result.changes?.removed.length) patched++;
      expect(said(a, before[0]!)).toEqual(said(b, before[1]!));
      // The panel lists, counts and id map kept across results equal a fresh computation.
      const fresh = freshPanelLists(a.result.findings, a.firstSeen);
      for (const p of PANELS) {
        expect(a.panels[p].map((f) => f.id)).toEqual(fresh[p].map((f) => f.id));
        expect(b.panels[p].map((f) => f.id)).toEqual(fresh[p].map((f) => f.id));
        for (const f of a.panels[p].slice(0, 50))
          expect(a.panels[p][positionIn(a.panels[p], f, a.firstSeen, 0)]!.id).toBe(f.id);
      }
      expect(a.counts).toEqual(countSeverities(a.result.findings));
      expect([...a.byId.keys()].sort()).toEqual([...new Set(a.result.findings.map((f) => f.id))].sort());
      for (const f of a.result.findings) expect(a.result.findings).toContain(a.byId.get(f.id));
    }
    expect(patched).toBeGreaterThan(0);
    incremental.dispose();
    full.dispose();
    vi.useRealTimers();
  });
});

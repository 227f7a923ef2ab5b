// The screen stack's screens: what each drill-down level holds, and the lines it shows.
import type { AnalysisResult } from "../src/analysis/analyzer.js";
import type { CheckDef } from "../src/analysis/engine.js";
import type { Finding } from "../src/analysis/finding.js";
import { findingsOf, planFor, reachFor, whoCanFor } from "../src/app/actions.js";
import type { WrittenBundle } from "../src/app/contain.js";
import type { ResourceRef } from "../src/cluster/objects.js";
import type { ContainmentBundle } from "../src/patch/contain.js";
import type { PlannedPatch } from "../src/patch/patches.js";
import type { Store } from "../src/store/store.js";
import { containedLines, containLines } from "./contain.js";
import { type Line, wrapLines } from "./Pane.js";
import {
  detailLines,
  helpLines,
  patchLines,
  reachLines,
  whoCanLines,
  writtenLines,
  yamlScreenLines,
} from "./screens.js";

/** A drill-down level above the panel lists; Esc pops one. */
export type Screen =
  | { kind: "detail"; ref: ResourceRef; findingId?: string; top: number; cursor?: number; filter?: string }
  | { kind: "yaml"; ref: ResourceRef; path?: string; top: number }
  | { kind: "patch"; ids: string[]; top: number }
  | { kind: "written"; patches: PlannedPatch[]; error?: string; top: number }
  | { kind: "whocan"; text: string; top: number; cursor?: number }
  | { kind: "reach"; text: string; top: number; cursor?: number }
  | { kind: "contain"; bundle: ContainmentBundle; dir: string; top: number }
  | { kind: "contained"; dir: string; written?: WrittenBundle; error?: string; top: number }
  | { kind: "help"; top: number };

/** Each screen's name in the breadcrumb line. */
export const SCREEN_NAMES: Record<Screen["kind"], string> = {
  detail: "detail",
  yaml: "yaml",
  patch: "patch preview",
  written: "patches written",
  whocan: "who can",
  reach: "reach",
  help: "help",
  contain: "containment plan",
  contained: "bundle written",
};

export const firstAction = (lines: readonly Line[], from = 0): number | undefined => {
  for (let i = from; i < lines.length; i++) if (lines[i]!.action) return i;
  return undefined;
};
export const lastActionBefore = (lines: readonly Line[], before: number): number | undefined => {
  for (let i = before - 1; i >= 0; i--) if (lines[i]!.action) return i;
  return undefined;
};

export interface ScreenContext {
  store: Store;
  result: AnalysisResult;
  byId: ReadonlyMap<string, Finding>;
  catalog: ReadonlyMap<string, CheckDef>;
  width: number;
  patchDir: string;
}

/** A screen's lines: patch files, kubectl lines and who-can paths wrapped, never cut; YAML and detail one line per line. */
export function screenLines(screen: Screen, ctx: ScreenContext): Line[] {
  const wrapped = screen.kind !== "detail" && screen.kind !== "yaml";
  const lines = linesOf(screen, ctx);
  return wrapped ? wrapLines(lines, ctx.width) : lines;
}

function linesOf(screen: Screen, { store, result, byId, catalog, width, patchDir }: ScreenContext): Line[] {
  switch (screen.kind) {
    case "detail":
      return detailLines({
        ref: screen.ref,
        finding: screen.findingId ? byId.get(screen.findingId) : undefined,
        store,
        result,
        catalog,
        width,
        ...(screen.filter ? { filter: screen.filter } : {}),
      });
    case "yaml":
      return yamlScreenLines(
        store.getByName(screen.ref.kind, screen.ref.namespace, screen.ref.name),
        screen.ref,
        screen.path,
      );
    case "patch": {
      const fs = findingsOf(screen.ids, byId);
      return patchLines(planFor(fs, store, result, patchDir), fs.length, patchDir, fs);
    }
    case "written":
      return writtenLines(screen.patches, patchDir, screen.error);
    case "whocan":
      return whoCanLines(screen.text, whoCanFor(screen.text, result));
    case "reach": {
      const { answer, port } = reachFor(screen.text, result);
      return reachLines(screen.text, answer, port);
    }
    case "help":
      return helpLines(patchDir);
    case "contain":
      return containLines(screen.bundle, screen.dir);
    case "contained":
      return containedLines(screen.dir, screen.written, screen.error);
  }
}

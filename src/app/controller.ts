// Drives the TUI: batches store changes into at most ~10 analyses a second
// and keeps the activity feed of what changed. Views read its snapshots.
import type { AnalysisResult } from "../analysis/analyzer.js";
import type { Finding } from "../analysis/finding.js";
import { refLabel } from "../cluster/objects.js";
import type { Session } from "../commands/session.js";
import type { Verdict } from "../triage/triage.js";
import { bound } from "../util/sorted.js";
import {
  countSeverities,
  freshPanelLists,
  type PanelLists,
  panelOrder,
  patchCounts,
  type SeverityCounts,
  withFindings,
  withoutFindings,
} from "./panels.js";

export interface Activity {
  at: number;
  text: string;
  kind: "new" | "resolved" | "event" | "status";
  severity?: Finding["severity"];
}

export interface Snapshot {
  result: AnalysisResult;
  activity: readonly Activity[];
  /** Finding id → when it first appeared in this session (for recency ordering). */
  firstSeen: ReadonlyMap<string, number>;
  /** Each panel's findings in display order (severity, then most recently appeared); kept incrementally. */
  panels: PanelLists;
  /** Findings per severity. */
  counts: SeverityCounts;
  /**
   * The current findings by id. One map, updated in place by each result (as firstSeen
   * is): it answers for the latest snapshot, which is the one a view renders.
   */
  byId: ReadonlyMap<string, Finding>;
  /** Accepted findings (counted apart: not in `panels` or `counts` unless `showAccepted`). */
  accepted: number;
  /** Accepted findings are listed (dimmed) in the panels and counted (`a`, --show-accepted). */
  showAccepted: boolean;
  /** The triage verdict of a finding of this snapshot (accepted, or an expired acceptance). */
  verdict: (f: Finding) => Verdict;
  /** With --baseline: whether a finding is new since the baseline report. */
  isNew?: (f: Finding) => boolean;
}

const MAX_ACTIVITY = 200;
/** Least time between analyses while kinds are still being listed for the first time. */
const SYNC_INTERVAL_MS = 1000;
/** Header redraws while analyses wait for the lists (kinds live, objects read). */
const PROGRESS_MS = 250;

export class Controller {
  private snapshot: Snapshot;
  /** Until the first complete list, findings are the baseline, not "new". */
  private baselined = false;
  /** The last snapshot's findings by id, to name the ones that resolve. */
  private lastFindings = new Map<string, Finding>();
  private listeners = new Set<(s: Snapshot) => void>();
  private timer: NodeJS.Timeout | undefined;
  /** When the pending analysis is due (Date.now()). */
  private timerAt = 0;
  /** A header redraw between analyses while the first lists stream in. */
  private progressTimer: NodeJS.Timeout | undefined;
  private pending = false;
  private activity: Activity[] = [];
  private firstSeen = new Map<string, number>();
  private unsubscribe: () => void;

  constructor(
    readonly session: Session,
    private readonly intervalMs = 100,
  ) {
    this.snapshot = this.compute();
    this.unsubscribe = session.store.subscribe(() => this.schedule());
  }

  get current(): Snapshot {
    return this.snapshot;
  }

  /** Shows accepted findings in the panels and counts (dimmed by the views), or hides them. */
  setShowAccepted(show: boolean): void {
    if (show === this.showAccepted) return;
    this.showAccepted = show;
    this.refresh();
  }

  /** Recomputes the snapshot soon (after the triage state changed, e.g. `x` wrote an exception). */
  refresh(): void {
    this.schedule();
  }

  private showAccepted = false;
  /** The triage epoch and showAccepted the panels were last built with: a change rebuilds them. */
  private builtEpoch = -1;
  private builtShowAccepted = false;
  private acceptedCount = 0;
  /** Finding ids whose expired acceptance the activity feed has announced. */
  private announcedExpired = new Set<string>();

  /** Whether a finding is listed: not accepted, or accepted ones are shown. */
  private readonly listed = (f: Finding): boolean => this.showAccepted || !this.session.triage.accepts(f);

  /** Counts accepted findings and announces expired acceptances not yet announced. */
  private triageOf(findings: readonly Finding[], sign: 1 | -1, now: number): void {
    const triage = this.session.triage;
    for (const f of findings) {
      const v = triage.verdict(f);
      if (v.accepted) this.acceptedCount += sign;
      else if (v.expired && sign > 0 && !this.announcedExpired.has(f.id)) {
        this.announcedExpired.add(f.id);
        this.push({
          at: now,
          kind: "status",
          severity: f.severity,
          text: `! acceptance expired ${v.expired.expires}: ${f.check} ${refLabel(f.resource)} (${v.expired.reason})`,
        });
      }
    }
  }

  subscribe(listener: (s: Snapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Records a line in the activity feed (e.g. a demo step or a connection change). */
  note(text: string, kind: Activity["kind"] = "event"): void {
    this.push({ at: Date.now(), text, kind });
    this.schedule();
  }

  private push(a: Activity): void {
    this.activity = [a, ...this.activity].slice(0, MAX_ACTIVITY);
  }

  /** When the last analysis started and ended (Date.now()). */
  private lastStart = Number.NEGATIVE_INFINITY;
  private lastEnd = Number.NEGATIVE_INFINITY;

  /**
   * Leading-edge throttle: a change after a quiet spell is analysed on the next turn of
   * the event loop (a burst of events delivered together is one analysis); later changes
   * wait until `intervalMs` after the last analysis started (≤ 10 a second at 100 ms), and
   * at least a quarter of that after it ended, so frames and keys get the loop between
   * slow analyses. Waiting a whole interval after each first event cost that much latency.
   *
   * While the first lists stream in (not every kind settled), each analysis is of a store
   * about to change again, and at 10 a second they kept the CPU from the lists: at 10,000
   * pods the TUI was fully live ~8 s after a scan of the same cluster had its report. Until
   * then analyses are spaced by SYNC_INTERVAL_MS or five times the last one's length
   * (analysis gets at most a sixth of the CPU), the header still redraws at 4 a second
   * (kinds live, objects read) from the last result, and the change that settles the last
   * kind is analysed at once.
   */
  private schedule(): void {
    this.pending = true;
    const now = Date.now();
    const syncing = !this.session.settled();
    const gap = syncing ? Math.max(SYNC_INTERVAL_MS, 5 * (this.lastEnd - this.lastStart)) : this.intervalMs;
    const at = Math.max(now, this.lastStart + gap, this.lastEnd + this.intervalMs / 4);
    if (this.timer) {
      if (at >= this.timerAt) return;
      clearTimeout(this.timer);
    }
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.pending) return;
      this.pending = false;
      this.lastStart = Date.now();
      this.snapshot = this.compute();
      this.lastEnd = Date.now();
      this.notify();
    }, at - now);
    if (syncing) this.redrawWhileWaiting();
  }

  /** Redraws the header every PROGRESS_MS while an analysis is pending more than that away. */
  private redrawWhileWaiting(): void {
    if (this.progressTimer || !this.timer || this.timerAt - Date.now() <= PROGRESS_MS) return;
    this.progressTimer = setTimeout(() => {
      this.progressTimer = undefined;
      if (!this.timer) return;
      // The same result, a new snapshot: the header reads the store's kind states when it draws.
      this.snapshot = { ...this.snapshot };
      this.notify();
      this.redrawWhileWaiting();
    }, PROGRESS_MS);
  }

  private notify(): void {
    for (const l of this.listeners) l(this.snapshot);
  }

  private compute(): Snapshot {
    const result = this.session.analyze();
    const initial = !this.baselined;
    if (this.session.settled()) this.baselined = true;
    const now = Date.now();
    // The analyzer says what changed since its last result: O(changed), not O(findings).
    const changes = result.changes;
    const triage = this.session.triage;
    triage.tick();
    // Accepting (x, an annotation, an expiry) or showing accepted findings changes what is listed: rebuild.
    const triageChanged = triage.epoch !== this.builtEpoch || this.showAccepted !== this.builtShowAccepted;
    const patched =
      !triageChanged && changes && this.idCounts && changes.since === this.seen && this.panels && this.counts
        ? this.applyChanges(changes.added, changes.removed, initial, now, this.panels, this.counts)
        : false;
    if (!patched) {
      this.recount(result.findings, initial, now);
      const active = triage.active;
      const listed = active && !this.showAccepted ? result.findings.filter(this.listed) : result.findings;
      this.panels = freshPanelLists(listed, this.firstSeen);
      this.counts = countSeverities(listed);
      this.acceptedCount = 0;
      if (active) this.triageOf(result.findings, 1, now);
    }
    this.builtEpoch = triage.epoch;
    this.builtShowAccepted = this.showAccepted;
    this.seen = result.findings;
    const baseline = this.session.baseline;
    return {
      result,
      activity: this.activity,
      firstSeen: this.firstSeen,
      panels: this.panels!,
      counts: this.counts!,
      byId: this.lastFindings,
      accepted: this.acceptedCount,
      showAccepted: this.showAccepted,
      verdict: (f) => triage.verdict(f),
      ...(baseline ? { isNew: (f: Finding) => baseline.stateOf(f.id) === "new" } : {}),
    };
  }

  private panels: PanelLists | undefined;
  private counts: SeverityCounts | undefined;

  /** Findings per id in the last snapshot (ids can repeat), with one finding each for labels. */
  private idCounts: Map<string, number> | undefined;
  /** The findings list of the last snapshot: `changes` apply only on top of it. */
  private seen: readonly Finding[] | undefined;

  /** Folds the changes in; false (nothing changed) when a removed finding was not listed. */
  private applyChanges(
    added: readonly Finding[],
    removed: readonly Finding[],
    initial: boolean,
    now: number,
    panels: PanelLists,
    severities: SeverityCounts,
  ): boolean {
    // Only listed findings are in the panels (accepted ones are not, unless shown).
    const triage = this.session.triage;
    const filtered = triage.active && !this.showAccepted;
    const listedRemoved = filtered ? removed.filter(this.listed) : removed;
    const listedAdded = filtered ? added.filter(this.listed) : added;
    // Removed findings are found under the first-seen times they were listed with: before those go.
    const kept = withoutFindings(panels, listedRemoved, this.firstSeen);
    if (!kept) return false;
    if (triage.active) {
      this.triageOf(removed, -1, now);
      this.triageOf(added, 1, now);
    }
    const counts = this.idCounts!;
    const gone = new Set<string>();
    for (const f of removed) {
      const n = (counts.get(f.id) ?? 0) - 1;
      if (n > 0) counts.set(f.id, n);
      else counts.delete(f.id);
      gone.add(f.id);
    }
    for (const f of added) {
      counts.set(f.id, (counts.get(f.id) ?? 0) + 1);
      this.lastFindings.set(f.id, f);
    }
    // firstSeen holds the previous snapshot's ids: new in sorted order (as `added` is), then resolved.
    for (const f of added) {
      if (this.firstSeen.has(f.id)) continue;
      if (!initial)
        this.push({ at: now, kind: "new", severity: f.severity, text: `+ ${f.check} ${refLabel(f.resource)}` });
      this.firstSeen.set(f.id, initial ? 0 : now);
    }
    let removedSet: Set<Finding> | undefined;
    for (const id of gone) {
      if (counts.has(id)) {
        // Ids can repeat: if the by-id answer went, a listed finding with that id (they sort together) stands in.
        const f = this.lastFindings.get(id);
        if (f && (removedSet ??= new Set(removed)).has(f)) {
          const list = kept[f.panel];
          const other = list[bound(list, f, panelOrder(this.firstSeen))];
          if (other?.id === id) this.lastFindings.set(id, other);
        }
        continue;
      }
      if (!initial) this.push({ at: now, kind: "resolved", text: `- resolved ${this.resolvedLabel(id)}` });
      this.firstSeen.delete(id);
      this.lastFindings.delete(id);
    }
    this.panels = withFindings(kept, listedAdded, this.firstSeen);
    this.counts = patchCounts(severities, listedRemoved, listedAdded);
    return true;
  }

  private recount(findings: readonly Finding[], initial: boolean, now: number): void {
    // Labels are built only for findings that change, not for all of them on every snapshot.
    const current = new Map<string, Finding>();
    const counts = new Map<string, number>();
    for (const f of findings) {
      current.set(f.id, f);
      counts.set(f.id, (counts.get(f.id) ?? 0) + 1);
    }
    if (!initial) {
      for (const f of findings) {
        if (!this.firstSeen.has(f.id)) {
          this.push({
            at: now,
            kind: "new",
            severity: f.severity,
            text: `+ ${f.check} ${refLabel(f.resource)}`,
          });
        }
      }
      for (const id of this.firstSeen.keys()) {
        if (!current.has(id)) {
          this.push({
            at: now,
            kind: "resolved",
            text: `- resolved ${this.resolvedLabel(id)}`,
          });
        }
      }
    }
    for (const id of [...this.firstSeen.keys()]) if (!current.has(id)) this.firstSeen.delete(id);
    for (const f of findings) if (!this.firstSeen.has(f.id)) this.firstSeen.set(f.id, initial ? 0 : now);
    this.lastFindings = current;
    this.idCounts = counts;
  }

  private resolvedLabel(id: string): string {
    const f = this.lastFindings.get(id);
    return f ? `${f.check} ${refLabel(f.resource)}` : id;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.progressTimer) clearTimeout(this.progressTimer);
    this.unsubscribe();
  }
}

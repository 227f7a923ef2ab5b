// Markdown tables from `npm run bench -- --json` reports, for BENCHMARKS.md:
// node dist/test/bench/markdown.js report.json [more.json ...]
import { readFileSync } from "node:fs";
import { mergeReports } from "./merge.js";

// biome-ignore lint/suspicious/noExplicitAny: the report is plain JSON
type Any = any;

const lastLine = (text: string) => text.trimEnd().split("\n").pop() ?? "{}";
/** A whole (formatted) JSON file, or the last line of `npm run bench -- --json` output. */
function parse(text: string): Any {
  try {
    return JSON.parse(text);
  } catch {
    return JSON.parse(lastLine(text));
  }
}
const files = process.argv.slice(2);
const reports: Any[] = (files.length ? files : ["/dev/stdin"]).map((f) => parse(readFileSync(f, "utf8")));
// One run is often split (synthetic sizes, then one API server size per run): their rows
// are merged, in the order given, and the targets computed from the merged figures.
const r: Any = mergeReports(reports);
const n = (x: unknown) => (typeof x === "number" ? x.toLocaleString("en-US") : String(x ?? "—"));
const out: string[] = [];
const table = (head: string[], rows: unknown[][]) => {
  out.push(`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`);
  for (const row of rows) out.push(`| ${row.map(n).join(" | ")} |`);
  out.push("");
};

out.push(
  `Machine: ${r.machine?.cpus} × ${r.machine?.cpuModel}, ${r.machine?.memGiB} GiB, Node ${r.machine?.node}. Run ${r.startedAt} → ${r.finishedAt}.`,
  "",
);
table(
  [
    "pods",
    "objects",
    "namespaces",
    "findings",
    "ingest ms",
    "first analyze ms",
    "first complete analysis ms",
    "analysis after 1 pod event ms",
    "peak RSS MiB",
    "store heap MiB",
    "live heap MiB",
  ],
  (r.analysis ?? []).map((a: Any) => [
    a.pods,
    a.objects,
    a.namespaces,
    a.findings,
    a.ingestMs,
    a.analyzeMs,
    a.firstAnalysisMs,
    a.podUpdateMs,
    a.peakRssMb,
    a.storeHeapMb,
    a.heapUsedMb,
  ]),
);
if (r.events)
  table(
    [
      "pods",
      "target events/s",
      "seconds",
      "events",
      "achieved events/s",
      "frames",
      "event→frame p50 ms",
      "p99 ms",
      "max ms",
    ],
    [
      [
        r.events.pods,
        r.events.targetRate,
        r.events.seconds,
        r.events.events,
        r.events.achievedRate,
        r.events.frames,
        r.events.p50Ms,
        r.events.p99Ms,
        r.events.maxMs,
      ],
    ],
  );
if (r.fuzzy)
  table(
    [
      "pods",
      "findings",
      "pods-panel findings",
      "keystrokes",
      "key→frame p50 ms",
      "p99 ms",
      "max ms",
      "filter fn p50 ms",
      "filter fn p99 ms",
      "filter index ms",
      "slowest keys (prefix: ms)",
    ],
    [
      [
        r.fuzzy.pods,
        r.fuzzy.findings,
        r.fuzzy.panelFindings,
        r.fuzzy.keystrokes,
        r.fuzzy.frameP50Ms,
        r.fuzzy.frameP99Ms,
        r.fuzzy.frameMaxMs,
        r.fuzzy.filterP50Ms,
        r.fuzzy.filterP99Ms,
        r.fuzzy.filterIndexMs,
        (r.fuzzy.slowestKeys ?? []).slice(0, 3).join(", "),
      ],
    ],
  );
if (r.idle)
  table(
    ["pods", "seconds", "CPU % of one core", "frames"],
    [[r.idle.pods, r.idle.seconds, r.idle.cpuPercent, r.idle.frames]],
  );
if (r.rbac)
  table(
    ["roles", "bindings", "service accounts", "findings", "engine run ms", "who-can ms", "answers"],
    [
      [
        r.rbac.roles,
        r.rbac.bindings,
        r.rbac.serviceAccounts,
        r.rbac.findings,
        r.rbac.engineRunMs,
        r.rbac.whoCanMs,
        r.rbac.whoCanAnswers,
      ],
    ],
  );
if (r.reach)
  table(
    [
      "pods",
      "connections",
      "open for ingress",
      "`--all` wall ms",
      "`--all` CPU ms",
      "JSON ms",
      "JSON MiB",
      "one `--to` ms",
    ],
    [
      [
        r.reach.pods,
        r.reach.connections,
        r.reach.openIngress,
        r.reach.allMs,
        r.reach.allCpuMs,
        r.reach.jsonMs,
        r.reach.jsonMb,
        r.reach.toMs,
      ],
    ],
  );
for (const a of r.apiserver ?? []) {
  table(
    ["pods", "objects", "load s", "floor ms (runs)", "bytes", "pages", "not served"],
    [
      [
        a.pods,
        a.objects,
        a.loadSeconds,
        (a.floorMs ?? []).join(", "),
        a.floorBytes,
        a.floorPages,
        (a.notServed ?? []).join(", ") || "—",
      ],
    ],
  );
  table(
    ["pods", "", "runs ms", "median ms", "/ floor"],
    [
      [a.pods, "floor", (a.floorMs ?? []).join(", "), a.floorMedianMs, 1],
      [a.pods, "`kubectl get -o json`", (a.kubectlMs ?? []).join(", "), a.kubectlMedianMs, a.kubectlOverFloor],
      [a.pods, "`kubeward scan -o json`", (a.kubewardMs ?? []).join(", "), a.kubewardMedianMs, a.scanOverFloor],
    ],
  );
  if (a.tui)
    table(
      ["pods", "TUI", "first frame ms", "all kinds live ms", "all live / floor", "peak RSS MiB", "header"],
      [
        [
          a.pods,
          `${a.tui.width}×${a.tui.height}`,
          a.tui.firstFrameMs,
          a.tui.allLiveMs,
          a.tuiLiveOverFloor,
          a.tui.peakRssMb,
          a.tui.liveText ?? a.tui.error,
        ],
      ],
    );
  if (a.skipped || a.error) out.push(`API server ${n(a.pods)}: ${a.skipped ?? a.error}`, "");
}
if (r.targets?.length)
  table(
    ["target (issue 20)", "measured", "target", "met"],
    r.targets.map((t: Any) => [
      t.name,
      t.measured === null ? "not measured" : `${n(t.measured)} ${t.unit}`,
      `${t.name.startsWith("idle") ? "<" : "≤"} ${n(t.target)} ${t.unit}`,
      t.met ? "**yes**" : "no",
    ]),
  );
process.stdout.write(`${out.join("\n")}\n`);

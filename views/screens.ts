// The lines of each drill-down screen, built from the store, the findings and
// the engines' models. Pure: the views render them through <Pane>, which
// sanitises every line (cluster text included) before it reaches the terminal.
import type { AnalysisResult } from "../src/analysis/analyzer.js";
import type { CheckDef } from "../src/analysis/engine.js";
import type { Finding } from "../src/analysis/finding.js";
import type { AccessPath, ReachAnswer, ReachConnection, ReachPeer, ReachQuery } from "../src/analysis/models.js";
import { findingsNear } from "../src/app/actions.js";
import { relatedOf } from "../src/app/related.js";
import { objectYaml } from "../src/app/yaml.js";
import { validRef } from "../src/cluster/names.js";
import { type KObject, type ResourceRef, refLabel } from "../src/cluster/objects.js";
import { peerText, portsText } from "../src/commands/reach.js";
import type { PlannedPatch } from "../src/patch/patches.js";
import type { Store } from "../src/store/store.js";
import type { Line } from "./Pane.js";
import { supplyDetailLines } from "./supply-detail.js";
import { SEVERITY_TAGS } from "./theme.js";

export function wrap(text: string, width: number, indent = ""): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && `${line} ${word}`.length > width) {
      out.push(line);
      line = indent + word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.length ? out : [""];
}

export function findingLabel(f: Finding): string {
  return `${refLabel(f.resource)}${f.container ? ` [${f.container}]` : ""}`;
}

const section = (title: string): Line => ({ text: `── ${title}`, tone: "dim" });

function yamlLines(
  obj: KObject,
  path: string | undefined,
): { lines: Line[]; highlight?: { from: number; to: number } } {
  const y = objectYaml(obj, path);
  const lines = y.lines.map((text, i): Line => {
    const lit = y.highlight && i >= y.highlight.from && i <= y.highlight.to;
    return {
      text: `${lit ? "▶" : " "} ${text}`,
      tone: lit ? "hl" : text.trimStart().startsWith("#") ? "dim" : undefined,
    };
  });
  return y.highlight ? { lines, highlight: y.highlight } : { lines };
}

export interface DetailInput {
  ref: ResourceRef;
  finding: Finding | undefined;
  store: Store;
  result: AnalysisResult;
  catalog: ReadonlyMap<string, CheckDef>;
  width: number;
  /** The detail's `/` text (filters the image's CVE list). */
  filter?: string;
}

export function detailLines({ ref, finding, store, result, catalog, width, filter }: DetailInput): Line[] {
  const obj = store.getByName(ref.kind, ref.namespace, ref.name);
  const out: Line[] = [];
  const w = Math.max(20, width - 2);
  if (finding) {
    const meta = catalog.get(finding.check)?.meta;
    out.push({
      text: `${SEVERITY_TAGS[finding.severity]} ${finding.check} · ${findingLabel(finding)}`,
      tone: finding.severity,
    });
    for (const l of wrap(finding.message, w)) out.push({ text: l, tone: "title" });
    if (meta) {
      for (const l of wrap(`Why: ${meta.description}`, w, "     ")) out.push({ text: l });
      for (const l of wrap(`Fix: ${meta.remediation}`, w, "     ")) out.push({ text: l });
    }
    for (const line of catalog.get(finding.check)?.detail?.(finding, obj) ?? [])
      for (const l of wrap(line, w, "     ")) out.push({ text: l, tone: "hl" });
    const fix = finding.fix;
    out.push({
      text:
        fix && fix.type !== "none"
          ? `Patch: ${fix.type} on ${refLabel(fix.target)} — p preview · w write · Esc back`
          : finding.chain?.length
            ? `Patch: fix the ${finding.chain.length} links of this path — p preview · w write · Esc back`
            : "Patch: none planned for this finding — Esc back",
      tone: "key",
    });
  } else {
    out.push({ text: refLabel(ref), tone: "title" });
    if (!obj) out.push({ text: "not in the store (not loaded, or not an object kubeward reads)", tone: "dim" });
  }
  const yaml = obj ? yamlLines(obj, finding?.path) : undefined;
  if (finding && yaml?.highlight) {
    out.push(section(`evidence: ${finding.path}`));
    const from = Math.max(0, yaml.highlight.from - 1);
    const to = Math.min(yaml.lines.length - 1, yaml.highlight.to + 1, from + 8);
    for (let i = from; i <= to; i++) out.push(yaml.lines[i]!);
  } else if (finding?.path) out.push({ text: `field: ${finding.path}`, tone: "hl" });
  out.push(...supplyDetailLines(finding, result, filter));
  const related = relatedOf(obj, store, result.models, finding);
  if (related.length) {
    out.push(section("related (Enter opens)"));
    for (const r of related) {
      const action = r.reach ? { reach: r.reach } : r.ref ? { ref: r.ref } : undefined;
      out.push(
        action ? { text: `${r.section}: ${r.text}`, action } : { text: `  ${r.section}: ${r.text}`, tone: "dim" },
      );
    }
  }
  // A pod's findings are folded into its controller's: findings on its owners are about it too.
  const about = findingsNear(store, result.findings, ref, obj, finding?.id);
  if (about.length) {
    out.push(section(`${finding ? "other " : ""}findings on this object or its owners (Enter opens)`));
    for (const f of about.slice(0, 50))
      out.push({
        text: `${SEVERITY_TAGS[f.severity]} ${f.check} ${f.container ? `[${f.container}] ` : ""}${f.message}`,
        tone: f.severity,
        action: { findingId: f.id },
      });
  }
  if (yaml) {
    out.push(section(`YAML of ${refLabel(ref)} (projected: secret values are never read)`));
    out.push(...yaml.lines);
  }
  return out;
}

/** Index of the first line worth showing: the highlighted evidence, else the top. */
export function yamlScreenLines(obj: KObject | undefined, ref: ResourceRef, path?: string): Line[] {
  if (!obj) return [{ text: `${refLabel(ref)} is not in the store`, tone: "dim" }];
  return [
    { text: `${refLabel(ref)} — projected object: secret values are never read`, tone: "dim" },
    ...yamlLines(obj, path).lines,
  ];
}

export function patchLines(
  patches: readonly PlannedPatch[],
  count: number,
  dir: string,
  findings: readonly Finding[] = [],
): Line[] {
  // A name Kubernetes would reject is never put into a command (src/cluster/names.ts).
  const refused = findings.some((f) => !validRef(f.resource) || (f.fix && !validRef(f.fix.target)));
  if (!patches.length)
    return [
      { text: `No patch is planned for ${count === 1 ? "this finding" : `these ${count} findings`}.`, tone: "title" },
      refused
        ? {
            text: "Its object has a name or namespace Kubernetes would reject: kubeward prints no command with it.",
            tone: "dim",
          }
        : { text: "Their checks describe the fix in words (see Fix: in the detail view).", tone: "dim" },
    ];
  const out: Line[] = [
    {
      text: `${patches.length} patch file${patches.length === 1 ? "" : "s"} for ${count} finding${count === 1 ? "" : "s"} — w writes to ${dir}/ · Esc back`,
      tone: "key",
    },
  ];
  for (const p of patches) {
    out.push(section(`${refLabel(p.target)} → ${p.fileName} (fixes ${p.findings.length})`));
    for (const l of p.yaml.replace(/\n$/, "").split("\n"))
      out.push({ text: l, tone: l.startsWith("#") ? "dim" : undefined });
    for (const c of p.commands) out.push({ text: `$ ${c}`, tone: "key" });
  }
  return out;
}

export function writtenLines(written: readonly PlannedPatch[], dir: string, error?: string): Line[] {
  if (error) return [{ text: `Could not write patches to ${dir}: ${error}`, tone: "critical" }];
  if (!written.length) return [{ text: "No patch is planned for these findings: nothing written.", tone: "title" }];
  return [
    { text: `Wrote ${written.length} file${written.length === 1 ? "" : "s"} to ${dir}/`, tone: "ok" },
    ...written.map(
      (p): Line => ({ text: `  ${p.path}  (${p.findings.length} finding${p.findings.length === 1 ? "" : "s"})` }),
    ),
    { text: "Apply with (kubeward never applies anything itself):", tone: "title" },
    ...written.flatMap((p) => p.commands.map((c): Line => ({ text: `  ${c}`, tone: "key" }))),
    { text: "Esc back", tone: "dim" },
  ];
}

export function whoCanLines(text: string, paths: readonly AccessPath[] | undefined): Line[] {
  if (!paths) return [{ text: `:can ${text} — RBAC engine not loaded`, tone: "warn" }];
  const out: Line[] = [
    {
      text: `Who can ${text}: ${paths.length} path${paths.length === 1 ? "" : "s"} (Enter opens the binding)`,
      tone: "title",
    },
  ];
  if (!paths.length) out.push({ text: "nobody", tone: "ok" });
  for (const p of paths) {
    const s = p.subject;
    const subject = refLabel(s);
    const names = p.resourceNames?.length ? ` names: ${p.resourceNames.join(",")}` : "";
    out.push({
      text: `${subject}  ${p.binding.kind} ${p.binding.name} → ${p.role.kind} ${p.role.name}  (${p.scope})  ${p.rule}${names}`,
      action: { ref: p.binding },
    });
  }
  return out;
}

export function helpLines(patchDir: string): Line[] {
  const k = (key: string, what: string): Line => ({ text: `${key.padEnd(12)} ${what}` });
  return [
    { text: "kubeward help — Esc closes · q or Ctrl-C quits", tone: "title" },
    { text: "Most dangerous first: each panel is sorted by severity, then newest.", tone: "key" },
    { text: "Fix it: Enter (see why) → p (preview patch) → w (write patch + kubectl line)", tone: "key" },
    section("keys"),
    k("j k ↑ ↓", "move · g/G top/bottom · PgUp/PgDn page"),
    k("Tab 1-6", "panel: 1 pods 2 rbac 3 net 4 secrets 5 images 6 cluster"),
    k("Enter", "drill in: object, offending field, owners, SA, policies, secrets"),
    k("Esc", "back one level (in a list: clear the filter)"),
    k("/ i", "filter the list or a detail's CVEs · i: images by image"),
    k("space", "mark findings; p and w then act on all marked ones"),
    k("p", "preview the patch that fixes the finding(s)"),
    k("w", `write patch files to ${patchDir}/ and show the kubectl lines`),
    k("y", "YAML of the object behind the finding (secret values never read)"),
    k("x a", "accept finding(s): reason, expiry, by → config · a: show accepted"),
    k("c", "containment plan for a pod; w writes the bundle"),
    section("commands (: then Tab completes)"),
    k(":ns NAME", "scope to a namespace (:ns all clears)"),
    k(":can V RES", "who can, e.g. :can get secrets -n payments"),
    k(":reach W [P]", "who reaches a workload, what it reaches: :reach shop/db 5432"),
    k(":ctx NAME", "switch kube context (live clusters)"),
    k(":pod :rbac", ":net :sec :img jump to a panel · :q quit"),
  ];
}

/** `:reach`: who can reach a workload and what it can reach, grouped by namespace, then address blocks. */
export function reachLines(
  text: string,
  answers: { into: ReachAnswer; out: ReachAnswer } | undefined,
  port: ReachQuery["port"],
): Line[] {
  if (!answers) return [{ text: `:reach ${text} — network engine not loaded`, tone: "warn" }];
  const error = answers.into.error ?? answers.out.error;
  if (error) return [{ text: `:reach ${text} — ${error}`, tone: "warn" }];
  const on = port ? ` on ${port.protocol}/${port.port}` : "";
  // Enter on a peer asks the same question (same port) about it.
  const again = port ? ` ${port.port}/${port.protocol}` : "";
  const out: Line[] = [];
  const group = (title: string, cs: readonly ReachConnection[], side: "from" | "to") => {
    out.push({ text: `${title}${on}: ${cs.length} peer${cs.length === 1 ? "" : "s"} (Enter opens)`, tone: "title" });
    if (!cs.length) out.push({ text: "  nothing allowed", tone: "ok" });
    const byNs = new Map<string, ReachConnection[]>();
    const blocks: ReachConnection[] = [];
    for (const c of cs) {
      const p = c[side];
      if ("cidr" in p) blocks.push(c);
      else {
        let l = byNs.get(p.namespace);
        if (!l) byNs.set(p.namespace, (l = []));
        l.push(c);
      }
    }
    const row = (c: ReachConnection, label: string): Line => {
      const p = c[side];
      const first = c.policies[0]?.split("/");
      return {
        text: `    ${label}  ${portsText(c.ports)}  ${c.policies.length ? `allowed by ${c.policies.join(", ")}` : "no policy (not isolated)"}`,
        action:
          "cidr" in p
            ? first?.length === 2
              ? {
                  ref: {
                    apiVersion: "networking.k8s.io/v1",
                    kind: "NetworkPolicy",
                    namespace: first[0]!,
                    name: first[1]!,
                  },
                }
              : undefined
            : { reach: `${p.namespace}/${p.kind}/${p.name}${again}` },
      };
    };
    for (const [ns, list] of [...byNs].sort(([a], [b]) => a.localeCompare(b))) {
      out.push({ text: `  namespace ${ns} (${list.length})`, tone: "hl" });
      for (const c of list) {
        const p = c[side] as Extract<ReachPeer, { kind: string }>;
        out.push(row(c, `${p.kind} ${p.name}${p.hostNetwork ? " (hostNetwork)" : ""}`));
      }
    }
    if (blocks.length) {
      out.push({ text: `  addresses outside the pods (${blocks.length})`, tone: "hl" });
      for (const c of blocks) out.push(row(c, peerText(c[side])));
    }
  };
  group(`Who can reach ${text.split(" ")[0]}`, answers.into.connections, "from");
  out.push({ text: "" });
  group(`What ${text.split(" ")[0]} can reach`, answers.out.connections, "to");
  for (const n of new Set([...answers.into.notes, ...answers.out.notes])) out.push({ text: `note: ${n}`, tone: "dim" });
  return out;
}

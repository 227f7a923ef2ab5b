// Generates docs/checks.md from the check catalog; a test fails when the file is stale.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PANEL_TITLES, PANELS } from "../analysis/finding.js";
import { PSS_KUBERNETES_VERSION } from "../analysis/pods/pss.js";
import { checkCatalog, checkMetas } from "../analysis/registry.js";

export function renderChecksDoc(): string {
  const metas = checkMetas();
  const catalog = checkCatalog();
  const out = [
    "# kubeward checks",
    "",
    "Generated from the check catalog by `npm run docs`; do not edit by hand.",
    "",
    `${metas.length} checks. Severity is the default; some checks raise or lower it per finding (see each description).`,
    "",
  ];
  for (const panel of PANELS) {
    const inPanel = metas.filter((m) => m.panel === panel);
    if (!inPanel.length) continue;
    out.push(`## ${PANEL_TITLES[panel]}`, "");
    if (panel === "pods")
      out.push(
        `The Pod Security Standards checks (\`PSS baseline\` / \`PSS restricted\` in references) follow Kubernetes ${PSS_KUBERNETES_VERSION}: the controls and allow-lists of the pod-security-admission policy at version "latest" in that release.`,
        "",
      );
    out.push("| id | severity | title | fix | references |", "|---|---|---|---|---|");
    for (const m of inPanel) {
      const fix = catalog.get(m.id)?.fix ? "yes" : "—";
      out.push(`| \`${m.id}\` | ${m.severity} | ${m.title} | ${fix} | ${m.references.join("; ")} |`);
    }
    out.push("");
    for (const m of inPanel) out.push(`### \`${m.id}\``, "", m.description, "", `**Fix:** ${m.remediation}`, "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf("--write");
  const target = at >= 0 ? process.argv[at + 1] : undefined;
  if (target) writeFileSync(target, renderChecksDoc());
  else process.stdout.write(renderChecksDoc());
}

// `kubeward completion bash`, sourced into a real bash and asked for completions the way
// bash asks (COMP_WORDS / COMP_CWORD → COMPREPLY), with `kubeward` on PATH for contexts.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, runCli } from "../support/cli.js";

const dir = mkdtempSync(join(tmpdir(), "kubeward-completion-"));
const script = join(dir, "kubeward.bash");
writeFileSync(script, runCli(["completion", "bash"]).stdout);
writeFileSync(join(dir, "kubeward"), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
chmodSync(join(dir, "kubeward"), 0o755);
const kubeconfig = join(dir, "config");
writeFileSync(
  kubeconfig,
  `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: "https://127.0.0.1:1" } }]
users: [{ name: u, user: { token: t } }]
contexts:
  - { name: prod-eu, context: { cluster: c, user: u } }
  - { name: staging, context: { cluster: c, user: u } }
  - { name: "evil$(touch /tmp/x)", context: { cluster: c, user: u } }
current-context: staging
`,
);

/** What bash completes for the words typed so far (the last one is being completed). */
function complete(...words: string[]): string[] {
  const line = ["kubeward", ...words];
  const quoted = line.map((w) => `'${w.replace(/'/g, "'\\''")}'`).join(" ");
  const r = spawnSync(
    "bash",
    [
      "-c",
      `source '${script}'; COMP_WORDS=(${quoted}); COMP_CWORD=${line.length - 1}; _kubeward; printf '%s\\n' "\${COMPREPLY[@]}"`,
    ],
    { encoding: "utf8", env: { PATH: `${dir}:/usr/bin:/bin`, KUBECONFIG: kubeconfig, HOME: dir } },
  );
  expect(r.stderr).toBe("");
  return r.stdout.split("\n").filter(Boolean).sort();
}

describe("kubeward completion", () => {
  it("completes commands, flags, output formats and severities", () => {
    expect(complete("")).toEqual(expect.arrayContaining(["scan", "who-can", "completion"]));
    expect(complete("scan", "--fa")).toEqual(["--fail-on"]);
    expect(complete("scan", "--output", "")).toEqual(["json", "sarif", "text"]);
    expect(complete("scan", "--fail-on", "c")).toEqual(["critical"]);
    expect(complete("completion", "")).toEqual(["bash", "fish", "zsh"]);
  });

  it("completes kube contexts from the kubeconfig, without a name that is not a plain word", () => {
    expect(complete("--context", "")).toEqual(["prod-eu", "staging"]);
    expect(complete("--context", "pro")).toEqual(["prod-eu"]);
  });

  it("completes only flags the CLI has (no value list for a flag it does not take)", () => {
    const flags = complete("scan", "--");
    expect(flags).toContain("--fail-on");
    expect(flags).not.toContain("--check");
    expect(runCli(["completion", "bash"]).stdout).not.toContain("--check)");
  });

  it("prints zsh and fish scripts, and refuses an unknown shell", () => {
    expect(runCli(["completion", "zsh"]).stdout).toContain("bashcompinit");
    expect(runCli(["completion", "fish"]).stdout).toContain(
      "complete -c kubeward -l fail-on -xa 'critical high medium low'",
    );
    const bad = runCli(["completion", "tcsh"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("bash, zsh, fish");
  });
});

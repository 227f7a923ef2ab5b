// Accepting a risk in a real terminal: x asks for a reason, an expiry and who accepts, the finding
// leaves the panel, and the entry lands in the config file. --baseline marks new findings.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { defaultAccepter } from "../../src/app/accept.js";
import { BIN, runCli } from "../support/cli.js";
import { TmuxSession } from "../support/tmux.js";

let tmux: TmuxSession | undefined;
let dir: string | undefined;
afterEach(() => {
  tmux?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const deployment = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ops
spec:
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: main
          image: quay.io/${name}:1.0
          securityContext:
            privileged: true
`;
const NS = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ops\n";
const critRows = (screen: string) => screen.split("\n").filter((l) => /^[> ][*+ ]CRIT pod\.privileged/.test(l));

function start(args: string) {
  tmux = new TmuxSession(`cd ${dir} && ${process.execPath} ${BIN} ${args}; echo EXITED-$?; sleep 30`, {
    width: 100,
    height: 30,
    env: { HOME: "/nonexistent-kubeward-home", KUBECONFIG: "" },
  });
  return tmux;
}

describe("TUI: accepting risks (tmux, built CLI)", () => {
  it("x accepts the finding under the cursor: it leaves the panel and lands in the config file", async () => {
    dir = mkdtempSync(join(tmpdir(), "kubeward-tui-accept-"));
    const manifest = join(dir, "app.yaml");
    writeFileSync(manifest, `${deployment("agent")}---\n${deployment("miner")}---\n${NS}`);
    const config = join(dir, "team.yaml");
    writeFileSync(config, "# our exceptions, reviewed monthly\nexceptions: []\n");
    const t = start(`--file ${manifest} --config ${config}`);
    const first = await t.waitFor((s) => critRows(s).length === 2);
    expect(first).toMatch(/2 crit/);
    const top = critRows(first).find((l) => l.startsWith(">"))!;
    const accepted = top.includes("ops/agent") ? "agent" : "miner";
    const kept = accepted === "agent" ? "miner" : "agent";
    t.type("x");
    await t.waitFor((s) => s.includes("accept 1 finding · reason:"));
    t.type("runs on every node by design; SEC-42");
    t.keys("Enter");
    await t.waitFor((s) => s.includes("expires (YYYY-MM-DD, Enter for none)"));
    t.type("2099-06-30");
    t.keys("Enter");
    // Who accepts: the login name is offered; Enter keeps it.
    await t.waitFor((s) => s.includes(`by (empty for nobody): ${defaultAccepter()}`));
    t.keys("Enter");
    const after = await t.waitFor((s) => critRows(s).length === 1 && s.includes("1 accepted"));
    expect(critRows(after)[0]).toContain(`ops/${kept}`);
    expect(after).toMatch(/1 crit/);
    const text = readFileSync(config, "utf8");
    expect(text.startsWith("# our exceptions, reviewed monthly\nexceptions:\n")).toBe(true);
    expect(text).toContain(
      `  - check: pod.privileged\n    namespace: ops\n    kind: Deployment\n    name: ${accepted}\n    container: main\n    reason: runs on every node by design; SEC-42\n    expires: 2099-06-30\n${defaultAccepter() ? `    by: ${defaultAccepter()}\n` : ""}`,
    );
    // a brings it back, dimmed, with its reason.
    t.type("a");
    const shown = await t.waitFor((s) => critRows(s).length === 2);
    expect(shown).toContain(`ops/${accepted} [main] — accepted: runs on every node by`);
  });

  it("--baseline marks the findings that are new since the baseline report with +", async () => {
    dir = mkdtempSync(join(tmpdir(), "kubeward-tui-baseline-"));
    const before = join(dir, "before.yaml");
    writeFileSync(before, `${deployment("agent")}---\n${NS}`);
    const baseline = join(dir, "baseline.json");
    writeFileSync(baseline, runCli(["scan", "-f", before, "-o", "json"]).stdout);
    const now = join(dir, "now.yaml");
    writeFileSync(now, `${deployment("agent")}---\n${deployment("miner")}---\n${NS}`);
    const t = start(`--file ${now} --baseline ${baseline}`);
    const screen = await t.waitFor((s) => critRows(s).length === 2);
    const rows = critRows(screen);
    expect(rows.find((l) => l.includes("ops/miner"))!.slice(1, 2)).toBe("+");
    expect(rows.find((l) => l.includes("ops/agent"))!.slice(1, 2)).toBe(" ");
  });
});

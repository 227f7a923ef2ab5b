import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, ROOT } from "../support/cli.js";
import { TmuxSession } from "../support/tmux.js";

let tmux: TmuxSession | undefined;
let dir: string | undefined;
afterEach(() => {
  tmux?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function start(args: string, opts: { width?: number; height?: number; env?: Record<string, string> } = {}) {
  dir = mkdtempSync(join(tmpdir(), "kubeward-tui-"));
  const patchDir = join(dir, "patches");
  tmux = new TmuxSession(
    `cd ${ROOT} && ${process.execPath} ${BIN} ${args} --patch-dir ${patchDir}; echo EXITED-$?; sleep 30`,
    {
      width: opts.width ?? 80,
      height: opts.height ?? 24,
      env: { HOME: "/nonexistent-kubeward-home", KUBECONFIG: "", ...opts.env },
    },
  );
  return { tmux, patchDir };
}

const FIXTURES = join(ROOT, "test/fixtures/files");
const rowsOf = (screen: string) => screen.split("\n").filter((l) => /^[> ][* ](CRIT|HIGH|MED |LOW |INFO)/.test(l));

describe("TUI triage (tmux, built CLI)", () => {
  it("done when: from ? alone a new user finds the most dangerous finding, sees why and writes its patch", async () => {
    const { tmux, patchDir } = start("--demo");
    const first = await tmux.waitFor((s) => /\d+ crit/.test(s) && rowsOf(s).length > 0);
    // 1. ? explains the whole flow.
    tmux.type("?");
    const help = await tmux.waitFor((s) => s.includes("kubeward help"));
    expect(help).toContain("Most dangerous first");
    expect(help).toContain("Enter (see why) → p (preview patch) → w (write patch + kubectl line)");
    tmux.keys("Escape");
    // 2. The first row of the focused panel is the most severe finding.
    const list = await tmux.waitFor((s) => !s.includes("kubeward help") && rowsOf(s).length > 0);
    const top = rowsOf(list)[0]!;
    expect(top.startsWith("> CRIT")).toBe(true);
    expect(first).toMatch(/[1-9]\d* crit/);
    // 3. Enter shows why: the check's reason and the offending field highlighted in the object.
    tmux.keys("Enter");
    // On the demo the most dangerous finding is an attack path: a privileged pod with a cluster-admin token.
    const why = await tmux.waitFor((s) => s.includes("Why:"));
    expect(why).toContain("path.privileged-pod-secrets-reader");
    expect(why).toMatch(/Patch: fix the \d+ links of this path/);
    // 4. p previews the patch, 5. w writes it and shows the kubectl line.
    tmux.type("p");
    const preview = await tmux.waitFor((s) => s.includes("patch preview"));
    expect(preview).toMatch(/kubeward (patch|manifest) for/);
    tmux.type("w");
    const written = await tmux.waitFor((s) => /Wrote \d+ files? to/.test(s));
    expect(written).toMatch(/kubectl (patch|replace|apply) /);
    const files = readdirSync(patchDir);
    const podFile = files.find((f) => f.startsWith("pod_ci_build-runner"));
    expect(podFile).toBeDefined();
    expect(readFileSync(join(patchDir, podFile!), "utf8")).toContain("privileged: false");
    expect(written).toContain(podFile!.slice(0, 20));
    tmux.type("q");
    expect(await tmux.waitFor((s) => s.includes("EXITED-"))).toContain("EXITED-0");
  });

  it("navigates and filters on files, and keeps the layout through resizes 80x24 → 160x48 → 80x24", async () => {
    const { tmux } = start(`--file ${FIXTURES}/hostile --file ${FIXTURES}/broken`);
    let s = await tmux.waitFor((x) => rowsOf(x).length > 0);
    for (const line of s.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
    tmux.type("/");
    tmux.type("evil");
    s = await tmux.waitFor((x) => x.includes("/evil▏") && x.includes(" match"));
    expect(rowsOf(s).length).toBeGreaterThan(0);
    for (const r of rowsOf(s)) expect(r).toContain("evil");
    tmux.keys("Enter");
    tmux.keys("Escape");
    s = await tmux.waitFor((x) => !x.includes('filter "evil"') && !x.includes("/evil▏"));
    expect(rowsOf(s).some((r) => r.includes("files/api"))).toBe(true);
    tmux.resize(160, 48);
    s = await tmux.waitFor((x) => x.includes("Permissive RBAC") && x.includes("Activity"));
    expect(s).toContain("Image hygiene");
    tmux.resize(80, 24);
    s = await tmux.waitFor((x) => x.includes("[1 pods") && !x.includes("Permissive RBAC"));
    for (const line of s.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
    tmux.type("2");
    await tmux.waitFor((x) => x.includes("[2 rbac"));
    tmux.type("q");
    await tmux.waitFor((x) => x.includes("EXITED-0"));
  });

  it("never lets hostile names, annotations or env values from a file reach the terminal as control sequences", async () => {
    const { tmux } = start(`--file ${FIXTURES}/hostile`, { width: 160, height: 48 });
    const titleBefore = tmux.display("#{pane_title}");
    await tmux.waitFor((s) => s.includes("evil"));
    tmux.keys("Enter");
    const detail = await tmux.waitFor((s) => s.includes("Why:"));
    // The hostile bytes are shown, made visible, never interpreted.
    expect(detail).toContain("␛[2J");
    expect(detail).toContain("␛]0;pwned");
    tmux.type("y");
    const yaml = await tmux.waitFor((s) => s.includes("projected object"));
    expect(yaml).toContain("note:");
    expect(yaml).toContain("GREETING");
    const raw = tmux.rawScreen();
    // tmux re-emits only SGR sequences with -e; any other sequence here would mean one got through.
    for (const seq of raw.match(/\u001b[^[]|\u001b\[[0-9;?]*[A-Za-ln-z]/g) ?? []) expect(seq).toBe("");
    expect(tmux.display("#{pane_title}")).toBe(titleBefore);
    expect(tmux.display("#{pane_title}")).not.toContain("pwned");
    tmux.type("q");
    await tmux.waitFor((s) => s.includes("EXITED-0"));
  });

  it("honours NO_COLOR: no SGR colour codes reach the terminal", async () => {
    const { tmux } = start("--demo", { env: { NO_COLOR: "1" } });
    await tmux.waitFor((s) => rowsOf(s).length > 0);
    tmux.type("?");
    await tmux.waitFor((s) => s.includes("kubeward help"));
    tmux.keys("Escape");
    await tmux.waitFor((s) => rowsOf(s).length > 0);
    const raw = tmux.rawScreen();
    const params = [...raw.matchAll(/\u001b\[([0-9;]*)m/g)].flatMap((m) => m[1]!.split(";").map(Number));
    // 39/49 are tmux's own "default colour" resets, not colours.
    const colours = params.filter((p) => ((p >= 30 && p <= 49) || (p >= 90 && p <= 107)) && p !== 39 && p !== 49);
    expect(colours).toEqual([]);
    // The cursor row is still visible without colour (inverse + marker).
    expect(rowsOf(tmux.screen())[0]!.startsWith(">")).toBe(true);
    tmux.type("q");
  });

  it("colours severities when NO_COLOR is not set (the check above can fail)", async () => {
    const { tmux } = start("--demo", { env: { TERM: "xterm-256color", FORCE_COLOR: "1" } });
    await tmux.waitFor((s) => rowsOf(s).length > 0);
    expect(tmux.rawScreen()).toMatch(/\u001b\[[0-9;]*3[0-9][0-9;]*m/);
    tmux.type("q");
  });

  it("restores the terminal when killed with SIGTERM", async () => {
    const { tmux } = start("--demo");
    await tmux.waitFor((s) => rowsOf(s).length > 0);
    expect(tmux.display("#{alternate_on}")).toBe("1");
    const pids = tmux.childPids();
    expect(pids.length).toBeGreaterThan(0);
    for (const pid of pids) process.kill(pid, "SIGTERM");
    const after = await tmux.waitFor((s) => s.includes("EXITED-"));
    expect(after).toContain("EXITED-143");
    expect(after).not.toMatch(/\d+ crit/);
    expect(tmux.display("#{alternate_on}")).toBe("0");
    expect(tmux.display("#{cursor_flag}")).toBe("1");
  });

  it("restores the terminal and prints a one-line message on a crash", async () => {
    const { tmux } = start("--demo", { env: { KUBEWARD_TEST_CRASH_AFTER_MS: "1500" } });
    const after = await tmux.waitFor((s) => s.includes("EXITED-"));
    expect(after).toContain("kubeward: test crash");
    expect(after).toContain("EXITED-2");
    expect(after).not.toContain("    at ");
    expect(tmux.display("#{alternate_on}")).toBe("0");
    expect(tmux.display("#{cursor_flag}")).toBe("1");
  });

  it("writes nothing until asked: the patch directory only appears on w", async () => {
    const { tmux, patchDir } = start("--demo");
    await tmux.waitFor((s) => rowsOf(s).length > 0);
    tmux.type("p");
    await tmux.waitFor((s) => s.includes("patch preview"));
    expect(existsSync(patchDir)).toBe(false);
    tmux.type("q");
  });
});

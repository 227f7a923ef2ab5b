import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { defaultAccepter } from "../../src/app/accept.js";
import { project } from "../../src/cluster/project.js";
import { parseConfig } from "../../src/commands/config.js";
import { findingRows, mount, privilegedPod } from "./harness.js";

let dispose: (() => void) | undefined;
afterEach(() => dispose?.());
const open = async (...args: Parameters<typeof mount>) => {
  const m = await mount(...args);
  dispose = m.dispose;
  return m;
};
/** The frame once `ok` holds (polled: a loaded machine may take more than one frame). */
async function until(frame: () => string, ok: (f: string) => boolean): Promise<string> {
  for (let i = 0; i < 100 && !ok(frame()); i++) await new Promise((r) => setTimeout(r, 50));
  return frame();
}
const dir = mkdtempSync(join(tmpdir(), "kubeward-accept-ui-"));
const ENTER = "\r";
const ESC = "\u001b";

describe("App: x accepts a finding", () => {
  it("asks for a reason, an expiry and who accepts, appends to the config file, and the finding leaves the panel", async () => {
    const configPath = join(dir, "team.yaml");
    writeFileSync(configPath, "# team settings\ntrustedRegistries: [quay.io]\n");
    const { press, frame } = await open({ configPath });
    expect(findingRows(frame())).toHaveLength(2);
    const cursor = findingRows(frame()).find((l) => l.startsWith(">"))!;
    const name = cursor.includes("alpha") ? "alpha" : "beta";
    const other = name === "alpha" ? "beta" : "alpha";
    expect(await press("x")).toContain("accept 1 finding · reason:");
    // Enter with no reason: refused, the prompt stays.
    expect(await press(ENTER)).toContain("a reason is required");
    await press(..."debug pod, approved");
    expect(await press(ENTER)).toContain("expires (YYYY-MM-DD, Enter for none)");
    expect(await press(..."2026-1")).toContain("expires (YYYY-MM-DD, Enter for none): 2026-1▏");
    expect(await press(ENTER)).toContain('"2026-1" is not a date');
    await press(..."\u007f".repeat(6), ..."2099-01-31");
    // Who accepts: prefilled with the login name, edited here.
    const login = defaultAccepter();
    expect(await press(ENTER)).toContain(`by (empty for nobody): ${login}▏`);
    await press(..."\u007f".repeat(login.length), ..."alice@sec");
    const after = await press(ENTER);
    expect(findingRows(after)).toHaveLength(1);
    expect(findingRows(after)[0]).toContain(`Pod ns1/${other}`);
    expect(after).toMatch(/1 crit/);
    expect(after).toContain("1 accepted");
    const text = readFileSync(configPath, "utf8");
    expect(text.startsWith("# team settings\ntrustedRegistries: [quay.io]\nexceptions:\n")).toBe(true);
    expect(parseConfig(configPath, text).exceptions.map((e) => e.acceptance)).toEqual([
      { reason: "debug pod, approved", expires: "2099-01-31", by: "alice@sec", source: `config:${configPath}:4` },
    ]);
    expect(text).toContain(`name: ${name}\n    container: c\n`);
  });

  it("accepts every marked finding at once; Esc cancels without writing", async () => {
    const configPath = join(dir, "sub", "new.yaml");
    const { press } = await open({ configPath });
    await press("x", ..."no", ESC);
    expect(existsSync(configPath)).toBe(false);
    await press(" ", " ");
    expect(await press("x")).toContain("accept 2 findings · reason:");
    const after = await press(..."both", ENTER, ENTER, ENTER);
    expect(findingRows(after)).toHaveLength(0);
    expect(after).toContain("2 accepted");
    expect(parseConfig(configPath, readFileSync(configPath, "utf8")).exceptions).toHaveLength(2);
  });
});

describe("App: a shows accepted findings", () => {
  it("toggles accepted findings back in, dimmed with their reason, and out again", async () => {
    const objects = [
      privilegedPod("alpha", { annotations: { "accept.kubeward.io/pod.privileged": "approved by sec" } }),
      privilegedPod("beta"),
    ];
    const { press, frame } = await open({ objects });
    expect(findingRows(frame())).toHaveLength(1);
    expect(frame()).toContain("1 accepted");
    expect(frame()).toMatch(/1 crit/);
    const shown = await press("a");
    expect(shown).toContain("accepted findings shown (dimmed)");
    expect(findingRows(shown)).toHaveLength(2);
    expect(shown).toMatch(/2 crit/);
    expect(shown).toContain("Pod ns1/alpha [c] — accepted: approved by sec");
    const hidden = await press("a");
    expect(findingRows(hidden)).toHaveLength(1);
    expect(hidden).not.toContain("approved by sec");
  });

  it("an annotation removed on the server brings the finding back live", async () => {
    const annotated = privilegedPod("alpha", { annotations: { "accept.kubeward.io/pod.privileged": "ok" } });
    const { source, frame } = await open({ objects: [annotated, privilegedPod("beta")] });
    expect(findingRows(frame())).toHaveLength(1);
    source.emit([{ type: "modified", object: project(privilegedPod("alpha"))! }]);
    const back = await until(frame, (f) => findingRows(f).length === 2);
    expect(back).not.toContain("accepted ·");
  });
});

describe("App: expired acceptances", () => {
  it("an expired exception no longer hides the finding, and the activity feed says it expired", async () => {
    const config = "exceptions:\n  - {check: pod.privileged, name: alpha, reason: old waiver, expires: 2020-01-31}\n";
    const { frame } = await open({
      size: { columns: 100, rows: 40 },
      session: (s) => s.triage.setExceptions(parseConfig("team.yaml", config).exceptions),
    });
    expect(findingRows(frame())).toHaveLength(2);
    expect(frame()).not.toContain("accepted ·");
    expect(frame()).toContain("! acceptance expired 2020-01-31: pod.privileged Pod ns1/alpha (old waiver)");
  });
});

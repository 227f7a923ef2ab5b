import { afterEach, describe, expect, it } from "vitest";
import { project } from "../../src/cluster/project.js";
import { KEYS } from "../support/ink.js";
import { findingRows, mount, privilegedPod, tick } from "./harness.js";

let dispose: (() => void) | undefined;
afterEach(() => dispose?.());
const open = async (...args: Parameters<typeof mount>) => {
  const m = await mount(...args);
  dispose = m.dispose;
  return m;
};

describe("App: panel list", () => {
  it("shows the header, panel counts and findings", async () => {
    const { frame } = await open();
    const f = frame();
    expect(f).toContain("kubeward");
    expect(f).toContain("ctx test-ctx");
    expect(f).toContain("cluster test-cluster");
    expect(f).toContain("user tester");
    expect(f).toContain("ns all");
    expect(f).toMatch(/2 crit/);
    expect(f).toContain("1/1 kinds live");
    expect(f).toMatch(/1 pods 2/);
    expect(f).toContain("Pod ns1/alpha [c]");
    expect(f).toContain("Pod ns1/beta [c]");
  });

  it("moves with j/k, arrows, g/G and PgUp/PgDn", async () => {
    const objects = Array.from({ length: 40 }, (_, i) => privilegedPod(`p${String(i).padStart(2, "0")}`));
    const { press } = await open({ objects });
    const cursorRow = (f: string) => findingRows(f).find((l) => l.startsWith(">"))!;
    const first = cursorRow(await press());
    const second = cursorRow(await press("j"));
    expect(second).not.toBe(first);
    expect(cursorRow(await press("k"))).toBe(first);
    expect(cursorRow(await press(KEYS.down))).toBe(second);
    expect(cursorRow(await press(KEYS.up))).toBe(first);
    const last = cursorRow(await press("G"));
    expect(last).not.toBe(first);
    expect(cursorRow(await press("g"))).toBe(first);
    const paged = cursorRow(await press(KEYS.pageDown));
    expect(paged).not.toBe(first);
    expect(cursorRow(await press(KEYS.pageUp))).toBe(first);
  });

  it("moves by the net count when several j/k arrive in one input chunk", async () => {
    const objects = Array.from({ length: 40 }, (_, i) => privilegedPod(`p${String(i).padStart(2, "0")}`));
    const { press } = await open({ objects });
    const cursorRow = (f: string) => findingRows(f).find((l) => l.startsWith(">"))!;
    const one = async (...keys: string[]) => {
      let f = "";
      for (const k of keys) f = await press(k);
      return cursorRow(f);
    };
    const first = cursorRow(await press());
    const threeDown = await one("j", "j", "j");
    await press("g");
    expect(cursorRow(await press("jjj"))).toBe(threeDown);
    expect(cursorRow(await press("jkkkk"))).toBe(first);
  });

  it("keeps the selection on the same finding when rows move", async () => {
    const { press, source, frame } = await open();
    const selected = findingRows(await press("j")).find((l) => l.startsWith(">"))!;
    const name = /ns1\/(\w+)/.exec(selected)![1]!;
    // A newer finding of the same severity sorts above: the rows move, the cursor must not.
    source.emit([{ type: "added", object: project(privilegedPod("aardvark"))! }]);
    await tick();
    const rows = findingRows(frame());
    expect(rows).toHaveLength(3);
    expect(rows.findIndex((l) => l.includes("aardvark"))).toBe(0);
    expect(rows.find((l) => l.startsWith(">"))).toContain(`ns1/${name}`);
  });

  it("keeps the cursor on the finding it was shown on even before the user moves", async () => {
    const { source, frame } = await open();
    const first = findingRows(frame()).find((l) => l.startsWith(">"))!;
    const name = /ns1\/(\w+)/.exec(first)![1]!;
    source.emit([{ type: "added", object: project(privilegedPod("aardvark"))! }]);
    await tick();
    const rows = findingRows(frame());
    expect(rows.findIndex((l) => l.includes("aardvark"))).toBe(0);
    expect(rows.find((l) => l.startsWith(">"))).toContain(`ns1/${name}`);
  });

  it("updates live: a deleted pod's finding disappears and the activity line says so", async () => {
    const { source, frame } = await open();
    source.emit([{ type: "deleted", object: project(privilegedPod("alpha"))! }]);
    await tick();
    const rows = findingRows(frame());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain("ns1/beta");
    expect(frame()).toMatch(/1 crit/);
    expect(frame()).toContain("resolved pod.privileged Pod ns1/alpha");
  });

  it("switches panels with 1-5, Tab and Shift-Tab", async () => {
    const { press } = await open();
    expect(await press("2")).toContain("[2 rbac 0]");
    expect(await press(KEYS.tab)).toMatch(/\[3 network \d+\]/);
    expect(await press(KEYS.shiftTab)).toContain("[2 rbac 0]");
    const back = await press("1");
    expect(back).toContain("[1 pods 2]");
    expect(back).toContain("Pod ns1/alpha");
  });

  it("marks findings with space and clears marks with Esc", async () => {
    const { press } = await open();
    const f = await press(" ");
    expect(findingRows(f).filter((l) => l[1] === "*")).toHaveLength(1);
    expect(f).toContain("1 marked");
    const cleared = await press(KEYS.esc);
    expect(findingRows(cleared).filter((l) => l[1] === "*")).toHaveLength(0);
  });
});

describe("App: / filter", () => {
  const objects = [privilegedPod("frontend"), privilegedPod("backend"), privilegedPod("database")];

  it("narrows the focused list as you type, fuzzy, and Esc clears", async () => {
    const { press } = await open({ objects });
    let f = await press("/", "d", "a", "t", "a");
    expect(findingRows(f)).toHaveLength(1);
    expect(findingRows(f)[0]).toContain("database");
    expect(f).toContain("/data");
    f = await press(KEYS.enter);
    expect(findingRows(f)).toHaveLength(1);
    expect(f).toContain('filter "data"');
    f = await press(KEYS.esc);
    expect(findingRows(f)).toHaveLength(3);
  });

  it("tolerates a typo (fuzzy) and edits with backspace", async () => {
    const { press } = await open({ objects });
    let f = await press("/", ..."frntend");
    expect(findingRows(f).map((l) => l.includes("frontend"))).toContain(true);
    expect(findingRows(f)[0]).toContain("frontend");
    f = await press(KEYS.esc, "/", "z", "z", "z", "q");
    expect(f).toContain('no finding matches "zzzq"');
    f = await press(KEYS.backspace, KEYS.backspace, KEYS.backspace, KEYS.backspace);
    expect(findingRows(f)).toHaveLength(3);
  });
});

describe("App: layout", () => {
  it("uses tabs at 80x24 and a grid of all five panels plus activity at 160x48, following resizes", async () => {
    const { app, frame } = await open({ size: { columns: 80, rows: 24 } });
    let f = frame();
    expect(f.split("\n").length).toBeLessThanOrEqual(24);
    for (const line of f.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
    expect(f).toContain("[1 pods 2]");
    expect(f).not.toContain("Permissive RBAC");
    app.resize(160, 48);
    await tick();
    f = frame();
    for (const t of [
      "Privileged pods (2)",
      "Permissive RBAC (0)",
      "Unsegmented namespaces (1)",
      "Secret exposure (0)",
      "Image hygiene (0)",
      "Activity",
    ])
      expect(f).toContain(t);
    expect(f.split("\n").length).toBeLessThanOrEqual(48);
    app.resize(80, 24);
    await tick();
    expect(frame()).toContain("[1 pods 2]");
    expect(frame()).not.toContain("Permissive RBAC");
  });

  it("cuts a long row inside its grid cell: nothing spills into the next panel's column", async () => {
    const long = `very-long-pod-name-${"x".repeat(40)}-tail-end`;
    const { frame } = await open({ objects: [privilegedPod(long)], size: { columns: 160, rows: 48 } });
    const f = frame();
    const lines = f.split("\n");
    const title = lines.find((l) => l.includes("Permissive RBAC"))!;
    const column = title.indexOf("2 Permissive RBAC") - 1;
    const row = lines.find((l) => l.includes("very-long-pod-name"))!;
    expect(row.slice(0, column)).toContain("…");
    expect(row.slice(column)).not.toMatch(/x|tail-end/);
    expect(f).not.toContain("tail-end");
  });

  it("shows a feed pane on a tall narrow terminal", async () => {
    const { source, frame } = await open({ size: { columns: 90, rows: 44 } });
    source.emit([{ type: "added", object: project(privilegedPod("late"))! }]);
    await tick();
    expect(frame()).toContain("Activity (new + / resolved -)");
    expect(frame()).toMatch(/\d\d:\d\d:\d\d \+ pod\.privileged Pod ns1\/late/);
  });

  it("renders only the visible window of a long list", async () => {
    const objects = Array.from({ length: 500 }, (_, i) => privilegedPod(`p${i}`));
    const { frame } = await open({ objects, size: { columns: 80, rows: 24 } });
    expect(frame().split("\n").length).toBeLessThanOrEqual(24);
    expect(findingRows(frame()).length).toBeLessThan(24);
    expect(frame()).toContain("500 crit");
  });
});

describe("App: help and quit", () => {
  it("? shows every key and command; Esc closes it", async () => {
    const { press } = await open({ size: { columns: 80, rows: 30 } });
    const f = await press("?");
    for (const k of [
      "j k",
      "Tab 1-6",
      "Enter",
      "Esc",
      "/",
      "space",
      "p ",
      "w ",
      "y ",
      ":ns NAME",
      ":can",
      ":ctx",
      ":pod",
      "quit",
    ])
      expect(f).toContain(k);
    expect(f).toContain("Most dangerous first");
    expect(f).toContain("/nonexistent-dir/");
    const back = await press(KEYS.esc);
    expect(back).toContain("Pod ns1/alpha");
    expect(back).not.toContain("Most dangerous first");
  });

  it("q quits", async () => {
    const { press, app } = await open();
    const exited = app.waitUntilExit();
    await press("q");
    await expect(exited).resolves.toBeUndefined();
  });
});

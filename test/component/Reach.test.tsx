// `:reach` and the detail view's network line, on a store filled by hand (real engines).
import { afterEach, describe, expect, it } from "vitest";
import { KEYS } from "../support/ink.js";
import { findingRows, mount, webChain } from "./harness.js";

let dispose: (() => void) | undefined;
afterEach(() => dispose?.());
const size = { columns: 120, rows: 60 };

describe("reach in the TUI", () => {
  it("Enter on the network line of a workload's detail opens who can reach it and what it reaches", async () => {
    const m = await mount({ objects: webChain(), size });
    dispose = m.dispose;
    let f = await m.press("g");
    for (
      let i = 0;
      i < 20 &&
      !findingRows(f)
        .find((l) => l.startsWith(">"))
        ?.includes("Deployment shop/web");
      i++
    )
      f = await m.press("j");
    f = await m.press(KEYS.enter);
    for (let i = 0; i < 30 && !/▶ network: ingress/.test(f); i++) f = await m.press("j");
    expect(f).toMatch(/▶ network: ingress open · egress open — Enter: who can reach it, what it reaches/);
    f = await m.press(KEYS.enter);
    expect(f).toMatch(/Who can reach shop\/Deployment\/web: \d+ peers? \(Enter opens\)/);
    expect(f).toMatch(/What shop\/Deployment\/web can reach: \d+ peers?/);
    expect(f).toContain("detail › reach");
  }, 30_000);

  it(":reach with a bad target says how to use it", async () => {
    const m = await mount({ objects: webChain(), size });
    dispose = m.dispose;
    const f = await m.press(":", ..."reach web".split(""), KEYS.enter);
    expect(f).toContain("usage: :reach NS/NAME [PORT[/PROTO]]");
  });
});

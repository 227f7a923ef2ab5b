// Draws the Ink UI over a running session until the user quits.
import { render } from "ink";
import { createElement } from "react";
import { App } from "../../views/App.js";
import { DemoSource } from "../cluster/demo.js";
import { Controller } from "./controller.js";
import type { Session } from "./session.js";

export async function runTui(session: Session): Promise<number> {
  const controller = new Controller(session);
  if (session.source instanceof DemoSource) session.source.onStep = (label) => controller.note(label);
  const app = render(createElement(App, { controller }), {
    alternateScreen: true,
    incrementalRendering: true,
    maxFps: 20,
    exitOnCtrlC: true,
  });
  await session.start();
  await app.waitUntilExit();
  controller.dispose();
  session.stop();
  return 0;
}

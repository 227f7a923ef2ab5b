import { afterEach, describe, expect, it } from "vitest";
import { KEYS } from "../support/ink.js";
import { mount } from "./harness.js";

let dispose: (() => void) | undefined;
afterEach(() => dispose?.());

// ESC/CSI (clear screen), OSC (window title, hyperlink), BEL, 8-bit C1 CSI, DEL, backspace overwrite.
const HOSTILE = "x\u001b[2J\u001b]0;pwned\u0007\u001b]8;;http://evil\u001b\\link\u009b31m\u007f\u0008y";
// Control bytes that must never reach the terminal (newline is the frame's own line break).
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

function hostilePod() {
  return {
    kind: "Pod",
    apiVersion: "v1",
    metadata: {
      name: "evil",
      namespace: `ns${HOSTILE}`,
      uid: "evil",
      labels: { app: HOSTILE },
      annotations: { note: HOSTILE, [`k${HOSTILE}`]: "v" },
    },
    spec: {
      serviceAccountName: `sa${HOSTILE}`,
      containers: [
        {
          name: `c${HOSTILE}`,
          image: `img${HOSTILE}`,
          securityContext: { privileged: true },
          env: [
            { name: "SAFE", value: HOSTILE },
            { name: "S", valueFrom: { secretKeyRef: { name: `sec${HOSTILE}`, key: "k" } } },
          ],
        },
      ],
    },
  };
}

describe("escape injection", () => {
  it("no view renders control sequences from names, annotations, labels or env values", async () => {
    const m = await mount({ objects: [hostilePod()], size: { columns: 200, rows: 80 } });
    dispose = m.dispose;
    const frames: Record<string, string> = {};
    frames.list = m.frame();
    frames.detail = await m.press(KEYS.enter);
    frames.yaml = await m.press("y");
    frames.patch = await m.press(KEYS.esc, KEYS.esc, "p");
    frames.help = await m.press(KEYS.esc, "?");
    frames.filter = await m.press(KEYS.esc, "/", "x");
    for (const [view, f] of Object.entries(frames)) {
      expect(f, view).not.toMatch(CONTROL);
      expect(f, view).not.toContain("\u001b");
    }
    // The hostile text is shown, made visible.
    expect(frames.list).toContain("␛[2J");
    expect(frames.detail).toContain("␛[2J");
    expect(frames.yaml).toContain("note:");
    // The namespace is one Kubernetes would reject: no command is printed with it, and the preview says why.
    expect(frames.patch).not.toContain("kubectl");
    expect(frames.patch).toContain("a name or namespace Kubernetes would reject");
  });
});

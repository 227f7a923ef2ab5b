// The sixth panel: key 6 and :cluster reach it; a control-plane finding drills down
// to the flag, the CIS item and the manifest line, and says why there is no patch.
import { afterEach, describe, expect, it } from "vitest";
import { kubeadmControlPlane } from "../support/control-plane.js";
import { KEYS } from "../support/ink.js";
import { mount } from "./harness.js";

let dispose: (() => void) | undefined;
afterEach(() => dispose?.());
const open = async (...args: Parameters<typeof mount>) => {
  const m = await mount(...args);
  dispose = m.dispose;
  return m;
};

describe("cluster posture panel", () => {
  it("6 and :cluster switch to it; its list holds the control-plane findings", async () => {
    const { press } = await open({ objects: kubeadmControlPlane() });
    const f = await press("6");
    expect(f).toMatch(/\[6 cluster \d+\]/);
    expect(f).toContain("API server accepts anonymous requests");
    await press("1");
    expect(await press(":", ..."cluster", KEYS.enter)).toMatch(/\[6 cluster \d+\]/);
  });

  it("Enter shows flag, value, CIS text and the static pod manifest line, and no patch", async () => {
    const { press } = await open({ objects: kubeadmControlPlane(), size: { columns: 140, rows: 40 } });
    await press("6");
    const f = await press(KEYS.enter);
    expect(f).toContain("Flag: --anonymous-auth · current: true (not set: the default)");
    expect(f).toContain("1.2.1: Ensure that the --anonymous-auth argument is set to false");
    expect(f).toContain("In /etc/kubernetes/manifests/kube-apiserver.yaml on the control-plane node");
    expect(f).toContain("--anonymous-auth=false");
    expect(f).toContain("kubeward cannot patch a static pod");
  });
});

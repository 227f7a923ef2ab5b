import { afterEach, describe, expect, it } from "vitest";
import { KEYS } from "../support/ink.js";
import { fakeRbac, findingRows, mount, privilegedPod } from "./harness.js";

let dispose: (() => void) | undefined;
afterEach(() => dispose?.());
const open = async (...args: Parameters<typeof mount>) => {
  const m = await mount(...args);
  dispose = m.dispose;
  return m;
};
const objects = [privilegedPod("a1"), privilegedPod("b1", { namespace: "payments", uid: "b1" })];

describe(": command mode", () => {
  it(":ns scopes the lists and the header to a namespace; :ns all clears", async () => {
    const { press } = await open({ objects });
    let f = await press(":", ..."ns payments", KEYS.enter);
    expect(f).toContain("ns payments");
    expect(findingRows(f)).toHaveLength(1);
    expect(findingRows(f)[0]).toContain("Pod payments/b1");
    expect(f).toMatch(/1 crit/);
    f = await press(":", ..."ns all", KEYS.enter);
    expect(findingRows(f)).toHaveLength(2);
    f = await press(":", ..."ns payments", KEYS.enter, ":", ..."ns", KEYS.enter);
    expect(findingRows(f)).toHaveLength(2);
  });

  it("Tab completes commands and namespace names", async () => {
    const { press } = await open({ objects });
    let f = await press(":", "n", KEYS.tab);
    expect(f).toContain("ns  net");
    f = await press("s", KEYS.tab);
    expect(f).toContain(":ns ▏");
    f = await press("p", "a", KEYS.tab);
    expect(f).toContain(":ns payments ▏");
    f = await press(KEYS.enter);
    expect(findingRows(f)).toHaveLength(1);
    // Ambiguous: the candidates are listed.
    f = await press(":", "c", KEYS.tab);
    expect(f).toContain("can");
    expect(f).toContain("ctx");
  });

  it(":rbac, :net, :sec, :img and :pod jump to panels", async () => {
    const { press } = await open({ objects });
    expect(await press(":", ..."rbac", KEYS.enter)).toContain("[2 rbac 0]");
    expect(await press(":", ..."net", KEYS.enter)).toMatch(/\[3 network \d+\]/);
    expect(await press(":", ..."sec", KEYS.enter)).toContain("[4 secrets 0]");
    expect(await press(":", ..."img", KEYS.enter)).toContain("[5 images 0]");
    expect(await press(":", ..."pod", KEYS.enter)).toContain("[1 pods 2]");
  });

  it(":can lists who can, with binding → role and scope, from the RBAC model", async () => {
    const calls: unknown[] = [];
    const { press } = await open({ objects, models: { rbac: fakeRbac(calls) } });
    const f = await press(":", ..."can get secrets -n shop", KEYS.enter);
    expect(f).toContain("Who can get secrets -n shop: 1 path");
    expect(f).toContain(
      "ServiceAccount shop/reporter  RoleBinding reporter-reads-secrets → Role secret-reader  (shop)",
    );
    expect(calls).toContainEqual({ verb: "get", resource: "secrets", namespace: "shop" });
    // Enter opens the binding (not in the store here: the detail says so).
    const b = await press(KEYS.enter);
    expect(b).toContain("RoleBinding shop/reporter-reads-secrets");
    expect(b).toContain("not in the store");
  });

  it(":can says the RBAC engine is not loaded when it is absent", async () => {
    const { press } = await open({ objects, engines: ["pods"] });
    expect(await press(":", ..."can get secrets", KEYS.enter)).toContain("RBAC engine not loaded");
  });

  it(":ctx switches the session's context, or says why it cannot", async () => {
    const { press } = await open({ objects });
    expect(await press(":", ..."ctx prod", KEYS.enter)).toContain(
      "cannot switch to prod: the demo source has no kube contexts",
    );
    dispose?.();
    const switched: string[] = [];
    const m = await open({
      objects,
      session: (s) => {
        Object.assign(s, {
          switchContext: async (n: string) => void switched.push(n),
          contexts: () => ["prod", "staging"],
        });
      },
    });
    const f = await m.press(":", "c", "t", KEYS.tab, "s", KEYS.tab);
    expect(f).toContain(":ctx staging ▏");
    const done = await m.press(KEYS.enter);
    expect(switched).toEqual(["staging"]);
    expect(done).toContain("context staging");
  });

  it("reports an unknown command and Esc cancels the prompt", async () => {
    const { press } = await open({ objects });
    expect(await press(":", ..."frobnicate", KEYS.enter)).toContain("unknown command :frobnicate");
    const f = await press(":", "x", KEYS.esc);
    expect(f).not.toContain(":x▏");
    expect(findingRows(f)).toHaveLength(2);
  });
});

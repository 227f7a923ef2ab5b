import { afterEach, describe, expect, it } from "vitest";
import { KEYS } from "../support/ink.js";
import { fakeNetwork, fakeRbac, findingRows, mount, webChain } from "./harness.js";

let dispose: (() => void) | undefined;
afterEach(() => dispose?.());
const open = async (...args: Parameters<typeof mount>) => {
  const m = await mount(...args);
  dispose = m.dispose;
  return m;
};
const size = { columns: 120, rows: 60 };

/** Moves the cursor to the row that contains `text`, then returns the frame. */
async function selectRow(press: (...k: string[]) => Promise<string>, text: string): Promise<string> {
  let f = await press("g");
  for (let i = 0; i < 20; i++) {
    const row = findingRows(f).find((l) => l.startsWith(">"));
    if (row?.includes(text)) return f;
    f = await press("j");
  }
  throw new Error(`no row with ${text}:\n${f}`);
}

describe("Detail view (Enter)", () => {
  it("shows why, the highlighted field, the owner chain and related objects from the models", async () => {
    const { press } = await open({ objects: webChain(), models: { rbac: fakeRbac(), network: fakeNetwork() }, size });
    await selectRow(press, "Deployment shop/web [app]");
    const f = await press(KEYS.enter);
    expect(f).toContain("CRIT pod.privileged · Deployment shop/web [app]");
    expect(f).toContain("Why:");
    expect(f).toContain("Fix:");
    expect(f).toContain("evidence: spec.template.spec.containers[0].securityContext.privileged");
    expect(f).toMatch(/▶\s+privileged: true/);
    expect(f).toContain("ServiceAccount shop/web — risky: rbac.secrets-read, rbac.pod-exec");
    expect(f).toContain("ingress isolated · egress open");
    expect(f).toContain("selected by NetworkPolicy shop/web-ingress (ingress)");
    expect(f).toContain("uses Secret shop/db-creds");
    expect(f).toContain(
      "read by ServiceAccount shop/reporter via RoleBinding reporter-reads-secrets → Role secret-reader (shop)",
    );
    // The secret's value never reaches the screen (the store never had it).
    expect(f).not.toContain("c2VjcmV0");
  });

  it("shows the owner chain of a pod and drills into related objects with Enter; Esc goes back one level", async () => {
    const { press } = await open({ objects: webChain(), models: { rbac: fakeRbac(), network: fakeNetwork() }, size });
    await selectRow(press, "Deployment shop/web [app]");
    let f = await press(KEYS.enter);
    // The cursor starts on the first related object: the ReplicaSet the Deployment owns.
    expect(f).toMatch(/▶ owners: owns ReplicaSet shop\/web-abc/);
    f = await press(KEYS.enter);
    expect(f).toContain("owned by Deployment shop/web");
    expect(f).toContain("detail › detail");
    f = await press("j", KEYS.enter);
    expect(f).toMatch(/^Pod shop\/web-abc-1/m);
    expect(f).toContain("owned by ReplicaSet shop/web-abc");
    expect(f).toContain("owned by Deployment shop/web");
    // The pod's findings were folded into the Deployment's: they are listed as findings on this object.
    expect(f).toContain("findings on this object");
    f = await press(KEYS.esc, KEYS.esc);
    expect(f).toContain("CRIT pod.privileged · Deployment shop/web [app]");
    f = await press(KEYS.esc);
    expect(findingRows(f).length).toBeGreaterThan(0);
  });

  it("opens a Secret from the detail: who can read it, and its YAML without values", async () => {
    const calls: unknown[] = [];
    const { press } = await open({
      objects: webChain(),
      models: { rbac: fakeRbac(calls), network: fakeNetwork() },
      size,
    });
    await selectRow(press, "Deployment shop/web [app]");
    let f = await press(KEYS.enter);
    // Walk the cursor down to the Secret line.
    for (let i = 0; i < 10 && !/▶ secrets: uses Secret/.test(f); i++) f = await press("j");
    expect(f).toMatch(/▶ secrets: uses Secret shop\/db-creds/);
    f = await press(KEYS.enter);
    expect(f).toContain("Secret shop/db-creds");
    expect(f).toContain("read by ServiceAccount shop/reporter");
    expect(f).toContain("dataKeys:");
    expect(f).toContain("password");
    expect(f).not.toContain("c2VjcmV0");
    expect(calls).toContainEqual(
      expect.objectContaining({ verb: "get", resource: "secrets", namespace: "shop", name: "db-creds" }),
    );
  });

  it("degrades without engines: says which engine is missing", async () => {
    const { press } = await open({ objects: webChain(), size, engines: ["pods"] });
    await selectRow(press, "Deployment shop/web [app]");
    const f = await press(KEYS.enter);
    expect(f).toContain("RBAC engine not loaded");
    expect(f).toContain("network engine not loaded");
    expect(f).toContain("uses Secret shop/db-creds");
  });

  it("y shows the object's YAML with the field highlighted; Esc returns", async () => {
    const { press } = await open({ objects: webChain(), size });
    await selectRow(press, "Deployment shop/web [sidecar]");
    let f = await press("y");
    expect(f).toContain("Deployment shop/web — projected object: secret values are never read");
    expect(f).toContain("kind: Deployment");
    const lit = f.split("\n").filter((l) => l.startsWith("▶"));
    expect(lit).toHaveLength(1);
    expect(lit[0]).toContain("privileged: true");
    f = await press(KEYS.esc);
    expect(findingRows(f).length).toBeGreaterThan(0);
  });
});

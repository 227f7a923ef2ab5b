// Invariant 2 (DESIGN §6): no secret value is ever read, stored, displayed or
// written. A Secret carries a random canary in data, stringData and its
// last-applied annotation; the canary must not show up in any output path.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { render } from "ink-testing-library";
import { createElement } from "react";
import { afterAll, describe, expect, it } from "vitest";
import { Controller } from "../../src/app/controller.js";
import { FileSource } from "../../src/cluster/files.js";
import { type OutputFormat, runScan } from "../../src/commands/scan.js";
import { Session } from "../../src/commands/session.js";
import { App } from "../../views/App.js";

const CANARY = `KUBEWARD-CANARY-${randomBytes(6).toString("hex")}`;
const b64 = (s: string) => Buffer.from(s).toString("base64");
/** The fixture's own canary Secret (test/fixtures/files/broken/list.json). */
const FIXTURE_CANARY = "KUBEWARD-CANARY-7f3a9c2";
const FORBIDDEN = [CANARY, b64(CANARY), FIXTURE_CANARY, b64(FIXTURE_CANARY)];

const lastApplied = JSON.stringify({
  apiVersion: "v1",
  kind: "Secret",
  metadata: { name: "canary", namespace: "vault" },
  data: { token: b64(CANARY) },
  stringData: { password: CANARY },
});

const objects = [
  {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name: "canary",
      namespace: "vault",
      annotations: { "kubectl.kubernetes.io/last-applied-configuration": lastApplied },
    },
    type: "Opaque",
    data: { token: b64(CANARY) },
    stringData: { password: CANARY },
  },
  {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "app-token", namespace: "vault", annotations: { "kubernetes.io/service-account.name": "app" } },
    type: "kubernetes.io/service-account-token",
    data: { token: b64(CANARY) },
  },
  {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "app", namespace: "vault" },
    spec: {
      template: {
        metadata: { labels: { app: "app" } },
        spec: {
          serviceAccountName: "app",
          containers: [
            {
              name: "app",
              image: "nginx:latest",
              imagePullPolicy: "IfNotPresent",
              securityContext: { privileged: true },
              env: [{ name: "TOKEN", valueFrom: { secretKeyRef: { name: "canary", key: "token" } } }],
              envFrom: [{ secretRef: { name: "canary" } }],
            },
          ],
        },
      },
    },
  },
];

const dir = mkdtempSync(join(tmpdir(), "kubeward-canary-"));
writeFileSync(join(dir, "objects.json"), JSON.stringify({ apiVersion: "v1", kind: "List", items: objects }));
const fixtureDir = new URL("../fixtures/files/broken", import.meta.url).pathname;
const sources = () => new FileSource([join(dir, "objects.json"), fixtureDir]);

function expectNoCanary(where: string, text: string) {
  for (const value of FORBIDDEN) expect(text.includes(value), `${where} contains a secret value`).toBe(false);
}

const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const c of cleanups) c();
});

describe("canary: secret values never leave", () => {
  it("the input really holds the canary (the test could fail)", () => {
    expect(readFileSync(join(dir, "objects.json"), "utf8")).toContain(b64(CANARY));
    expect(readFileSync(join(fixtureDir, "list.json"), "utf8")).toContain(b64(FIXTURE_CANARY));
  });

  it.each(["text", "json", "sarif"] as OutputFormat[])("%s report and written patches", async (output) => {
    const patches = join(dir, `patches-${output}`);
    let out = "";
    let err = "";
    await runScan(
      new Session(sources()),
      { output, patches, syncTimeoutMs: 10_000 },
      { stdout: (s) => void (out += s), stderr: (s) => void (err += s) },
    );
    // The run found what it should, so the absence of the canary means something.
    expect(out).toContain("secret.last-applied");
    expect(out).toContain("secret.env-reference");
    expectNoCanary(`${output} report`, out);
    expectNoCanary(`${output} stderr`, err);
    const files = readdirSync(patches);
    expect(files.length).toBeGreaterThan(0);
    expect(files.some((f) => f.startsWith("secret_vault_canary"))).toBe(true);
    for (const f of files) expectNoCanary(`patch ${f}`, readFileSync(join(patches, f), "utf8"));
  });

  it("rendered TUI frames, on every panel and every finding", async () => {
    const session = new Session(sources());
    await session.start();
    await session.waitForSync(10_000);
    const controller = new Controller(session, 10);
    const app = render(createElement(App, { controller }));
    cleanups.push(() => {
      app.unmount();
      controller.dispose();
      session.stop();
    });
    const tick = () => new Promise((r) => setTimeout(r, 60));
    await tick();
    const frames: string[] = [];
    for (const key of ["1", "2", "3", "4", "5"]) {
      app.stdin.write(key);
      await tick();
      frames.push(app.lastFrame() ?? "");
      for (let i = 0; i < 8; i++) {
        app.stdin.write("j");
        await tick();
        frames.push(app.lastFrame() ?? "");
      }
    }
    expect(frames.join("\n")).toContain("vault/canary");
    for (const f of app.frames) expectNoCanary("a TUI frame", f);
    for (const f of frames) expectNoCanary("a TUI frame", f);
  });
});

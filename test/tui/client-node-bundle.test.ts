// `npm run build` replaces the compiled client-node re-export with one bundled module
// (scripts/bundle-client-node.mjs): the built CLI must load that bundle, not the
// package's ~1,000 modules, and the bundle's KubeConfig must still do its job.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const BUNDLE = join(ROOT, "dist/src/cluster/live/client-node.js");

describe("the built client-node bundle", () => {
  it("is one module that imports nothing from the package", () => {
    const text = readFileSync(BUNDLE, "utf8");
    expect(text).not.toMatch(/(?:from|import)\s*\(?\s*["']@kubernetes\/client-node/);
    expect(text).not.toMatch(/require\(\s*["']@kubernetes\/client-node/);
    expect(text.length).toBeGreaterThan(100_000); // the code itself, not a re-export
  });

  it("loads a kubeconfig and gives TLS and token options as the package does", async () => {
    const { KubeConfig } = (await import(BUNDLE)) as typeof import("@kubernetes/client-node");
    const kc = new KubeConfig();
    kc.loadFromString(
      JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: "c", cluster: { server: "https://127.0.0.1:6443", "certificate-authority-data": "Q0E=" } }],
        users: [{ name: "u", user: { token: "s3cr3t" } }],
        contexts: [{ name: "ctx", context: { cluster: "c", user: "u", namespace: "team-a" } }],
        "current-context": "ctx",
      }),
    );
    expect(kc.getCurrentCluster()?.server).toBe("https://127.0.0.1:6443");
    expect(kc.getContextObject("ctx")?.namespace).toBe("team-a");
    const opts: { headers?: Record<string, string>; ca?: Buffer } = {};
    await kc.applyToHTTPSOptions(opts);
    expect(opts.headers?.Authorization).toBe("Bearer s3cr3t");
    expect(String(opts.ca)).toBe("CA");
  });
});

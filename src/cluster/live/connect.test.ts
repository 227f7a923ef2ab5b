import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { connect, KubeconfigError } from "./connect.js";

const dir = mkdtempSync(join(tmpdir(), "kubeward-kc-"));
let n = 0;
function file(text: string): string {
  const p = join(dir, `kc-${n++}.yaml`);
  writeFileSync(p, text);
  return p;
}

const good = (ctx = "dev", server = "https://10.1.2.3:6443", ns = "") => `
apiVersion: v1
kind: Config
current-context: ${ctx}
clusters:
- name: c-${ctx}
  cluster: { server: "${server}" }
users:
- name: u-${ctx}
  user: { token: abc }
contexts:
- name: ${ctx}
  context: { cluster: c-${ctx}, user: u-${ctx}${ns ? `, namespace: ${ns}` : ""} }
`;

const at = (...paths: string[]) => ({ paths, origin: "flag" as const });

function errorOf(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}

describe("connect (kubeconfig)", () => {
  it("reads context, cluster host, user and namespace", () => {
    const c = connect(at(file(good("dev", "https://10.1.2.3:6443", "team"))));
    expect([c.context, c.cluster, c.user, c.namespace, c.server]).toEqual([
      "dev",
      "10.1.2.3:6443",
      "u-dev",
      "team",
      "https://10.1.2.3:6443",
    ]);
  });

  it("merges several files like kubectl: the first current-context and the first definition win", () => {
    const c = connect(at(file(good("a", "https://first:1")), file(good("a", "https://second:2")), file(good("b"))));
    expect(c.context).toBe("a");
    expect(c.server).toBe("https://first:1");
    expect(connect(at(file(good("a")), file(good("b"))), "b").cluster).toBe("10.1.2.3:6443");
  });

  it.each([
    ["a missing file", () => connect(at(join(dir, "nope.yaml"))), /does not exist/],
    ["a malformed file", () => connect(at(file("clusters: [ {{"))), /is malformed/],
    ["an empty file", () => connect(at(file(""))), /malformed|no current-context/],
    [
      "no current-context",
      () => connect(at(file(good().replace("current-context: dev", "")))),
      /no current-context: pass --context \(contexts: dev\)/,
    ],
    ["an unknown --context", () => connect(at(file(good())), "prod"), /context "prod" is not in kubeconfig/],
    [
      "a context whose cluster is missing",
      () => connect(at(file(good().replace("cluster: c-dev,", "cluster: ghost,")))),
      /cluster "ghost", which/,
    ],
    ["a bad server URL", () => connect(at(file(good("dev", "not a url")))), /invalid server URL/],
  ])("gives one clear line for %s", (_what, f, pattern) => {
    const err = errorOf(f);
    expect(err).toBeInstanceOf(KubeconfigError);
    expect(err.message).toMatch(pattern);
    expect(err.message).not.toContain("\n");
  });
});

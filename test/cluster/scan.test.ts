// Report mode against a real kube-apiserver: findings, patches accepted by the
// server, forbidden kinds, clear errors, no secret value, read-only audit.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { targetSlug } from "../../src/patch/render.js";
import {
  applyObjects,
  CANARY,
  insecureSeed,
  kubectl,
  kubeward,
  leaksCanary,
  pod,
  READ_VERBS,
  useControlPlane,
} from "./harness.js";

interface JsonFinding {
  check: string;
  resource: { kind: string; namespace?: string; name: string };
  fix?: { target: { kind: string; namespace?: string; name: string }; type: string };
}

const NS = "shop";
const cp = useControlPlane();
const outputs: string[] = [];
const work = mkdtempSync(join(tmpdir(), "kubeward-scan-"));

function scanJson(kubeconfig = cp().kubewardKubeconfig, extra: string[] = []) {
  const r = kubeward(["scan", "-o", "json", ...extra], kubeconfig);
  outputs.push(r.stdout, r.stderr);
  if (r.code !== 0) throw new Error(`scan exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as { source: Record<string, string>; findings: JsonFinding[] };
}

const label = (r: { kind: string; namespace?: string; name: string }) => `${r.kind}/${r.namespace ?? ""}/${r.name}`;

beforeAll(async () => {
  await cp().createNamespace(NS);
  await applyObjects(cp(), insecureSeed(NS));
});

describe("kubeward scan on a live cluster", () => {
  it("reports the insecure workloads of every controller kind, read as the read-only user", () => {
    const report = scanJson();
    expect(report.source).toMatchObject({ kind: "live", context: "kubeward@kubeward-test" });
    expect(report.source.cluster).toBe(new URL(cp().server).host);
    const privileged = report.findings.filter((f) => f.check === "pod.privileged").map((f) => label(f.resource));
    for (const r of [
      "Deployment/shop/web",
      "StatefulSet/shop/db",
      "DaemonSet/shop/agent",
      "CronJob/shop/nightly",
      "Job/shop/migrate",
      "ReplicationController/shop/legacy",
      "Pod/shop/bare",
    ])
      expect(privileged).toContain(r);
    for (const format of ["text", "sarif"]) {
      const r = kubeward(["scan", "-o", format], cp().kubewardKubeconfig);
      outputs.push(r.stdout, r.stderr);
      expect(r.code).toBe(0);
    }
  });

  it("writes patches the API server accepts (--dry-run=server) and that clear the findings once applied", async () => {
    // The seeded namespace (and the Namespace object itself); the rest of the cluster is
    // the control plane's own setup, whose fixes (e.g. deleting kubeward's read binding) we leave alone.
    const inSeed = (r: { kind: string; namespace?: string; name: string }) =>
      r.namespace === NS || (r.kind === "Namespace" && r.name === NS);
    const before = scanJson().findings.filter((f) => f.fix && f.fix.type !== "none" && inSeed(f.resource));
    const targets = new Set(before.map((f) => targetSlug(f.fix!.target)));
    expect(targets.size).toBeGreaterThanOrEqual(7);
    // The default account's own patch (secret.default-sa-automount) is among them.
    expect(targets).toContain(`serviceaccount_${NS}_default`);

    const dir = join(work, "patches");
    const r = kubeward(["scan", "--patches", dir], cp().kubewardKubeconfig);
    outputs.push(r.stdout, r.stderr, ...readdirSync(dir).map((f) => readFileSync(join(dir, f), "utf8")));
    expect(r.code).toBe(0);
    const fileStem = (line: string) => {
      const args = line.split(/\s+/);
      const at = args.findIndex((a) => a === "--patch-file" || a === "-f");
      return at >= 0 ? basename(args[at + 1]!).replace(/\.(patch|manifest)\.yaml$/, "") : undefined;
    };
    const lines = r.stdout
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l.startsWith("kubectl ") && targets.has(fileStem(l) ?? ""));
    // One kubectl line per fix target: every fixable finding has its patch.
    expect(new Set(lines.map(fileStem))).toEqual(targets);
    expect(lines.length).toBe(targets.size);

    for (const line of lines) {
      const args = line.split(/\s+/).slice(1);
      if (args[0] === "replace" && args.includes("--force")) {
        // kubectl refuses --dry-run with --force: validate the manifest as a new object instead.
        const file = args[args.indexOf("-f") + 1]!;
        const manifest = parse(readFileSync(file, "utf8")) as { metadata: { name: string } };
        manifest.metadata.name = `${manifest.metadata.name}-dryrun`;
        const copy = join(work, `dryrun-${manifest.metadata.name}.json`);
        writeFileSync(copy, JSON.stringify(manifest));
        await kubectl(cp(), ["create", "--dry-run=server", "-f", copy]);
      } else {
        await kubectl(cp(), [...args, "--dry-run=server"]);
      }
    }
    for (const line of lines) await kubectl(cp(), line.split(/\s+/).slice(1));

    const after = scanJson().findings.filter((f) => inSeed(f.resource));
    const left = before.filter((b) =>
      after.some((a) => a.check === b.check && label(a.resource) === label(b.resource)),
    );
    expect(left.map((f) => `${f.check} ${label(f.resource)}`)).toEqual([]);
  });

  it("gives a low-privilege user its forbidden kinds on stderr and the rest of the report", async () => {
    await applyObjects(cp(), [pod("team-a", "lowpriv-visible")]);
    const whole = kubeward(["scan"], cp().lowprivKubeconfig);
    outputs.push(whole.stdout, whole.stderr);
    expect(whole.code).toBe(2); // a partial report (issue 14)
    expect(whole.stderr).toMatch(/Secret: forbidden — missing permission: list secrets/);
    expect(whole.stderr).toMatch(/ClusterRole: forbidden/);
    expect(whole.stderr).not.toMatch(/\n\s+at /);

    const scoped = scanJson(cp().lowprivKubeconfig, ["-n", "team-a", "--allow-partial"]);
    expect(scoped.source.namespace).toBe("team-a");
    expect(scoped.findings.map((f) => `${f.check} ${label(f.resource)}`)).toContain(
      "pod.privileged Pod/team-a/lowpriv-visible",
    );
  });

  it("ends with one clear line and exit 2 for a bad kubeconfig, an unknown context, an unreachable server or rejected credentials", () => {
    const admin = readFileSync(cp().adminKubeconfig, "utf8");
    const write = (name: string, text: string) => {
      const p = join(work, name);
      writeFileSync(p, text);
      return p;
    };
    const cases: [string[], string, RegExp][] = [
      [[], write("malformed.kubeconfig", "clusters: [ {{"), /is malformed/],
      [["--context", "nope"], cp().adminKubeconfig, /context "nope" is not in kubeconfig/],
      [
        [],
        write("unreachable.kubeconfig", admin.replace(/server: \S+/, "server: https://127.0.0.1:1")),
        /cannot reach https:\/\/127\.0\.0\.1:1: connection refused/,
      ],
      [
        [],
        write(
          "expired.kubeconfig",
          admin
            .replace(/client-certificate-data: \S+/, "")
            .replace(/client-key-data: \S+/, "token: expired-or-revoked"),
        ),
        /rejected the credentials \(401/,
      ],
    ];
    for (const [args, kubeconfig, message] of cases) {
      const r = kubeward(["scan", ...args], kubeconfig);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  it("never prints the canary Secret's value (text, JSON, SARIF, patches, stderr)", async () => {
    // The value really is in the cluster (and in kubectl's last-applied annotation) ...
    const raw = await kubectl(cp(), ["get", "secret", "canary", "-n", NS, "-o", "json"]);
    expect(raw).toContain(Buffer.from(CANARY).toString("base64"));
    expect(outputs.length).toBeGreaterThan(10);
    // ... and in none of kubeward's outputs.
    expect(outputs.filter(leaksCanary)).toEqual([]);
  });

  it("shows only get, list and watch from kubeward's users in the audit log", async () => {
    const events = (await cp().auditEvents()).filter((e) => ["kubeward", "lowpriv"].includes(e.user.username));
    expect(events.filter((e) => e.verb === "list").length).toBeGreaterThan(18);
    expect(events.filter((e) => !READ_VERBS.has(e.verb)).map((e) => `${e.verb} ${e.requestURI}`)).toEqual([]);
  });
});

// Triage in the reports: SARIF suppressions and baselineState valid against 2.1.0,
// and finding ids that do not depend on input order (baselines rely on them).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { FileSource } from "../../src/cluster/files.js";
import { parseConfig } from "../../src/commands/config.js";
import { renderReport } from "../../src/commands/scan.js";
import { Session } from "../../src/commands/session.js";
import { applyTriage } from "../../src/commands/triage-setup.js";
import { reportTriage } from "../../src/report/triaged.js";
import { parseBaseline } from "../../src/triage/baseline.js";

const require = createRequire(import.meta.url);
const dir = mkdtempSync(join(tmpdir(), "kubeward-accept-report-"));

const DOCS = [
  "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ops\n  annotations:\n    accept.kubeward.io/pod.namespace-no-enforce: PSA rollout planned\n",
  "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\n  namespace: ops\nspec:\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n      hostNetwork: true\n      containers:\n        - name: agent\n          image: quay.io/agent:1.0\n          securityContext: {privileged: true}\n",
  "apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\n  namespace: ops\nspec:\n  containers:\n    - name: sh\n      image: busybox\n      securityContext: {privileged: true}\n",
  "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: everyone\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\nsubjects:\n  - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: system:authenticated}\n",
];

async function sessionOf(name: string, docs: readonly string[], config = ""): Promise<Session> {
  const file = join(dir, name);
  writeFileSync(file, docs.join("---\n"));
  const session = new Session(new FileSource([file]));
  applyTriage(session, parseConfig(join(dir, "cfg.yaml"), config), {});
  await session.start();
  return session;
}

describe("finding ids", () => {
  it("two scans of the same input in different orders give the same ids", { timeout: 60_000 }, async () => {
    const a = (await sessionOf("a.yaml", DOCS)).analyze().findings;
    const b = (await sessionOf("b.yaml", [...DOCS].reverse())).analyze().findings;
    const key = (f: (typeof a)[number]) =>
      `${f.id} ${f.check} ${f.resource.kind}/${f.resource.namespace}/${f.resource.name} ${f.container ?? ""}`;
    expect(a.length).toBeGreaterThan(5);
    expect(b.map(key).sort()).toEqual(a.map(key).sort());
  });
});

describe("SARIF with triage", () => {
  it("carries suppressions (external for the config, inSource for annotations) and baselineState, valid against 2.1.0", {
    timeout: 60_000,
  }, async () => {
    const config =
      "exceptions:\n  - check: pod.privileged\n    kind: DaemonSet\n    reason: node agent\n    expires: 2099-01-01\n";
    const session = await sessionOf("s.yaml", DOCS, config);
    const result = session.analyze();
    // A baseline holding one current finding and one that is gone.
    const kept = result.findings.find((f) => f.check === "rbac.cluster-admin" || f.check === "rbac.anonymous-binding")!;
    session.baseline = parseBaseline(
      "old.json",
      JSON.stringify({
        findings: [
          { id: kept.id, check: kept.check },
          { id: "00000000deadbeef", check: "image.mutable-tag", message: "gone" },
        ],
      }),
    );
    const sarif = JSON.parse(renderReport(session, result, "sarif", reportTriage(session.triage, session.baseline)));
    const schema = JSON.parse(
      readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"),
    );
    delete schema.$schema;
    schema.$id = schema.id;
    delete schema.id;
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const results = sarif.runs[0].results as {
      ruleId: string;
      suppressions?: { kind: string; status: string; justification: string }[];
      baselineState?: string;
      partialFingerprints?: { kubewardFindingId: string };
      properties?: { resource?: { kind: string } };
    }[];
    const priv = results.find((r) => r.ruleId === "pod.privileged" && r.properties?.resource?.kind === "DaemonSet")!;
    expect(priv.suppressions).toEqual([
      expect.objectContaining({ kind: "external", status: "accepted", justification: "node agent" }),
    ]);
    const podPriv = results.find((r) => r.ruleId === "pod.privileged" && r.properties?.resource?.kind === "Pod")!;
    expect(podPriv.suppressions).toBeUndefined();
    const nsEnforce = results.find((r) => r.ruleId === "pod.namespace-no-enforce")!;
    expect(nsEnforce.suppressions?.[0]).toMatchObject({ kind: "inSource", justification: "PSA rollout planned" });
    expect(results.find((r) => r.partialFingerprints?.kubewardFindingId === kept.id)?.baselineState).toBe("unchanged");
    expect(podPriv.baselineState).toBe("new");
    const absent = results.filter((r) => r.baselineState === "absent");
    expect(absent.map((r) => r.partialFingerprints?.kubewardFindingId)).toEqual(["00000000deadbeef"]);
  });
});

import { describe, expect, it } from "vitest";
import { KINDS, type KObject } from "../cluster/objects.js";
import type { Source, SourceEvent, SourceInfo } from "../cluster/source.js";
import type { JsonReport } from "../report/json.js";
import { runScan } from "./scan.js";
import { Session } from "./session.js";

const meta = (name: string, namespace?: string) => ({
  name,
  ...(namespace ? { namespace } : {}),
  uid: `uid-${name}`,
  labels: { app: name },
  annotations: {},
  ownerReferences: [],
});
const ns: KObject = { apiVersion: "v1", kind: "Namespace", metadata: meta("team-a") };
const pod: KObject = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: meta("web", "team-a"),
  spec: { containers: [{ name: "c", image: "nginx:1.27" }] },
};

/** A live-like source scoped to team-a whose `denied` kinds answer 403 (or never list). */
class LowPrivSource implements Source {
  readonly kinds = KINDS.map((k) => k.kind);
  readonly info: SourceInfo = { kind: "live", context: "lowpriv", namespace: "team-a" };
  constructor(
    private readonly denied: ReadonlySet<string>,
    private readonly how: "forbidden" | "error" | "never" = "forbidden",
  ) {}
  async start(emit: (e: SourceEvent[]) => void) {
    const events: SourceEvent[] = [];
    for (const o of [ns, pod]) if (!this.denied.has(o.kind)) events.push({ type: "added", object: o });
    for (const kind of this.kinds) {
      if (!this.denied.has(kind)) events.push({ type: "status", kind, state: "connected" }, { type: "synced", kind });
      else if (this.how === "forbidden")
        events.push({
          type: "status",
          kind,
          state: "forbidden",
          message: `missing permission: list ${kind.toLowerCase()}s in namespace team-a`,
        });
      else if (this.how === "error") events.push({ type: "status", kind, state: "error", message: "x509: bad cert" });
    }
    emit(events);
  }
  stop() {}
  problems() {
    return [];
  }
}

async function scan(source: Source, extra: { failOn?: "low"; allowPartial?: boolean; output?: "json" | "text" } = {}) {
  let out = "";
  let err = "";
  const code = await runScan(
    new Session(source),
    { output: extra.output ?? "json", syncTimeoutMs: 200, ...extra },
    { stdout: (s) => void (out += s), stderr: (s) => void (err += s) },
  );
  return { code, out, err };
}

describe("verdicts depend on what was seen (issue 14)", () => {
  it("NetworkPolicy forbidden in team-a: no network finding there, segmentation unknown, problem listed, exit 2", async () => {
    const { code, out } = await scan(new LowPrivSource(new Set(["NetworkPolicy"])));
    const report = JSON.parse(out) as JsonReport;
    expect(report.findings.filter((f) => f.panel === "network")).toEqual([]);
    expect(report.findings.some((f) => f.check === "net.namespace-unsegmented")).toBe(false);
    expect(report.namespaces.find((n) => n.name === "team-a")?.segmentation).toBe("unknown");
    const web = report.workloads.find((w) => w.name === "web")!;
    expect(web.isolation).toBeNull();
    expect(web.isolationUnknown).toMatch(/NetworkPolicy forbidden in namespace team-a/);
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        kind: "NetworkPolicy",
        state: "forbidden",
        scope: "team-a",
        permission: "list networkpolicys in namespace team-a",
      }),
    );
    // Object checks on what was read still report (the pod's image has no digest).
    expect(report.findings.some((f) => f.panel === "images")).toBe(true);
    expect(code).toBe(2);
  });

  it("the same cluster with the permission: the network finding is there", async () => {
    const { code, out } = await scan(new LowPrivSource(new Set()));
    const report = JSON.parse(out) as JsonReport;
    expect(report.findings.some((f) => f.check === "net.namespace-unsegmented")).toBe(true);
    expect(report.problems).toEqual([]);
    expect(code).toBe(0);
  });

  it("every kind forbidden: exit 2 even though --fail-on low finds nothing; --allow-partial gives 0", async () => {
    const all = new Set(KINDS.map((k) => k.kind));
    const denied = await scan(new LowPrivSource(all), { failOn: "low" });
    expect(denied.code).toBe(2);
    expect((JSON.parse(denied.out) as JsonReport).problems).toHaveLength(KINDS.length);
    expect((await scan(new LowPrivSource(all), { failOn: "low", allowPartial: true })).code).toBe(0);
  });

  it("failing and never-listed kinds are partial too, and the text report says so first", async () => {
    const failed = await scan(new LowPrivSource(new Set(["Pod"]), "error"), { output: "text" });
    expect(failed.code).toBe(2);
    const lines = failed.out.split("\n");
    expect(lines[1]).toMatch(/^PARTIAL REPORT: 1 input problem/);
    expect(lines[2]).toMatch(/Pod \(namespace team-a\): failed: x509: bad cert/);
    const slow = await scan(new LowPrivSource(new Set(["Deployment"]), "never"));
    expect(slow.code).toBe(2);
    expect((JSON.parse(slow.out) as JsonReport).problems).toContainEqual(
      expect.objectContaining({ kind: "Deployment", state: "incomplete" }),
    );
  });
});

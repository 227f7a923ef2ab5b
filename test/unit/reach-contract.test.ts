// DESIGN §9: `kubeward reach --all --output json` prints { connections: [ { from, to, ports, policies } ] },
// PEER a workload { namespace, kind, name } or a block { cidr, except? }. Checked on a
// multi-namespace fixture with named ports, an except block and namespace+pod selectors in one peer.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FileSource } from "../../src/cluster/files.js";
import { parseReach, runReach } from "../../src/commands/reach.js";
import { UsageError } from "../../src/commands/select-source.js";
import { Session } from "../../src/commands/session.js";

const FIXTURE = fileURLToPath(new URL("../fixtures/reach", import.meta.url));

async function reach(flags: Parameters<typeof parseReach>[1], output: "json" | "text" = "json") {
  let stdout = "";
  let stderr = "";
  const code = await runReach(
    new Session(new FileSource([FIXTURE])),
    parseReach([], flags),
    { output, syncTimeoutMs: 10_000 },
    { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) },
  );
  return { code, stdout, stderr };
}

describe("reach --all --output json (contract)", () => {
  it("lists every policy-decided connection, one per peer pair, in the DESIGN §9 shape", async () => {
    const r = await reach({ all: true });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(["connections", "notes", "open"]);
    // Exactly these four: every other pair is denied by a policy or has no policy on either side.
    expect(out.connections).toEqual(
      expect.arrayContaining([
        {
          // namespaceSelector team=storefront AND podSelector app=web in one peer; named ports https and SCTP sig.
          from: { namespace: "staging", kind: "Deployment", name: "web" },
          to: { namespace: "payments", kind: "Pod", name: "api" },
          ports: [
            { protocol: "TCP", port: 8443 },
            { protocol: "SCTP", port: 9000 },
          ],
          policies: ["payments/api"],
        },
        {
          from: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] },
          to: { namespace: "shop", kind: "StatefulSet", name: "db" },
          ports: [{ protocol: "TCP", port: 9100, endPort: 9200 }],
          policies: ["shop/db-ingress"],
        },
        {
          // Both sides decide: web's egress (web-egress-db) and db's ingress (postgres → 5432).
          from: { namespace: "shop", kind: "Deployment", name: "web" },
          to: { namespace: "shop", kind: "StatefulSet", name: "db" },
          ports: [{ protocol: "TCP", port: 5432 }],
          policies: ["shop/db-ingress", "shop/web-egress-db"],
        },
        {
          from: { namespace: "staging", kind: "Deployment", name: "web" },
          to: { namespace: "shop", kind: "StatefulSet", name: "db" },
          ports: [{ protocol: "TCP", port: 5432 }],
          policies: ["shop/db-ingress"],
        },
      ]),
    );
    expect(out.connections).toHaveLength(4);
    const pairs = out.connections.map((c: { from: object; to: object }) => JSON.stringify([c.from, c.to]));
    expect(new Set(pairs).size).toBe(pairs.length);
    // The hostNetwork pod labelled app=web is matched by no pod selector, and is said to be outside policy.
    expect(r.stdout).not.toMatch(/"name": "node-agent",\s+"hostNetwork": true\s+},\s+"to"/);
    expect(out.open.ingress).toContainEqual({ namespace: "dev", kind: "Pod", name: "node-agent", hostNetwork: true });
    expect(out.notes.join("\n")).toMatch(/dev\/node-agent uses hostNetwork: it is outside NetworkPolicy/);
  });

  it("--to with --port narrows to the sources of that port and names the policies", async () => {
    const r = await reach({ to: "shop/db", port: "5432" });
    const out = JSON.parse(r.stdout);
    expect(
      out.connections
        .map((c: { from: { namespace: string; name: string } }) => `${c.from.namespace}/${c.from.name}`)
        .sort(),
    ).toEqual(["shop/web", "staging/web"]);
  });

  it("an address as --from is judged against ipBlock and its except", async () => {
    const inside = JSON.parse((await reach({ from: "10.2.3.4" })).stdout);
    const db = inside.connections.find((c: { to: { name?: string } }) => c.to.name === "db");
    expect(db).toEqual({
      from: { cidr: "10.2.3.4/32" },
      to: { namespace: "shop", kind: "StatefulSet", name: "db" },
      ports: [{ protocol: "TCP", port: 9100, endPort: 9200 }],
      policies: ["shop/db-ingress"],
    });
    // Besides the db, only workloads selected by no ingress policy, which accept anything.
    const others = inside.connections.filter((c: unknown) => c !== db);
    expect(others.map((c: { to: { name: string } }) => c.to.name).sort()).toEqual(["node-agent", "shell", "web"]);
    expect(others.every((c: { policies: string[]; ports: unknown }) => !c.policies.length && c.ports === "all")).toBe(
      true,
    );
    const excepted = JSON.parse((await reach({ from: "10.1.2.3" })).stdout);
    expect(excepted.connections.some((c: { to: { name?: string } }) => c.to.name === "db")).toBe(false);
  });

  it("text output: one line per peer with ports and policies; unknown workloads are a one-line error", async () => {
    const r = await reach({ to: "shop/db" }, "text");
    expect(r.stdout).toMatch(/^to shop\/db: 3 connections/);
    expect(r.stdout).toMatch(/shop\/Deployment\/web\s+TCP\/5432\s+shop\/db-ingress, shop\/web-egress-db/);
    expect(r.stdout).toMatch(/10\.0\.0\.0\/8 except 10\.1\.0\.0\/16\s+TCP\/9100-9200\s+shop\/db-ingress/);
    const bad = await reach({ to: "shop/nope" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("kubeward: no workload shop/nope (a Pod or a controller with a pod template)\n");
  });

  it("rejects incomplete or contradictory queries as usage errors", () => {
    expect(() => parseReach([], {})).toThrow(UsageError);
    expect(() => parseReach([], { all: true, to: "a/b" })).toThrow(/drop --to/);
    expect(() => parseReach([], { to: "a/b", port: "70000" })).toThrow(/bad --port/);
    expect(() => parseReach([], { to: "a/b", port: "53/icmp" })).toThrow(/bad --port/);
    expect(parseReach([], { to: "a/b", port: "53/udp" }).port).toEqual({ port: 53, protocol: "UDP" });
  });
});

// `kubeward reach` and net.exposed-service against a real kube-apiserver: policies,
// a NodePort Service and an Ingress read live (read-only user); HTTPRoute is an
// optional kind that this server does not serve, which must not be an error.
import { beforeAll, describe, expect, it } from "vitest";
import { applyObjects, kubeward, useControlPlane } from "./harness.js";

const cp = useControlPlane();
const NS = "reach";

const labels = (app: string) => ({ app });
const deploy = (name: string, ports: object[], extra: object = {}) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace: NS },
  spec: {
    selector: { matchLabels: labels(name) },
    template: {
      metadata: { labels: labels(name) },
      spec: { containers: [{ name: "c", image: "registry.example.com/x:1", ports, ...extra }] },
    },
  },
});

beforeAll(async () => {
  await cp().createNamespace(NS);
  await applyObjects(cp(), [
    deploy("db", [{ name: "postgres", containerPort: 5432 }], { securityContext: { privileged: true } }),
    deploy("web", [{ name: "http", containerPort: 8080 }]),
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "db-from-web", namespace: NS },
      spec: {
        podSelector: { matchLabels: { app: "db" } },
        policyTypes: ["Ingress"],
        ingress: [
          { from: [{ podSelector: { matchLabels: { app: "web" } } }], ports: [{ port: "postgres" }] },
          { from: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] } }], ports: [{ port: 5432 }] },
        ],
      },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "db-admin", namespace: NS },
      spec: { type: "NodePort", selector: { app: "db" }, ports: [{ port: 5432, targetPort: "postgres" }] },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web", namespace: NS },
      spec: { selector: { app: "web" }, ports: [{ port: 80, targetPort: "http" }] },
    },
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: "web", namespace: NS },
      spec: {
        rules: [
          {
            http: {
              paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }],
            },
          },
        ],
      },
    },
  ]);
});

describe("kubeward reach on a live cluster", () => {
  it("answers who can reach the db on 5432 (named port, ipBlock with except), as the read-only user", () => {
    const r = kubeward(["reach", "--to", `${NS}/db`, "--port", "5432", "-o", "json"], cp().kubewardKubeconfig);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.connections).toEqual([
      {
        from: { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] },
        to: { namespace: NS, kind: "Deployment", name: "db" },
        ports: [{ protocol: "TCP", port: 5432 }],
        policies: [`${NS}/db-from-web`],
      },
      {
        from: { namespace: NS, kind: "Deployment", name: "web" },
        to: { namespace: NS, kind: "Deployment", name: "db" },
        ports: [{ protocol: "TCP", port: 5432 }],
        policies: [`${NS}/db-from-web`],
      },
    ]);
  });

  it("reports the NodePort-exposed privileged db (high, with its Service) and the Ingress-routed web", () => {
    const r = kubeward(["scan", "-o", "json"], cp().kubewardKubeconfig);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/httproute/i);
    const findings = JSON.parse(r.stdout).findings as {
      check: string;
      severity: string;
      message: string;
      resource: { namespace?: string; name: string };
      related?: { kind: string; name: string }[];
    }[];
    const exposed = findings.filter((f) => f.check === "net.exposed-service" && f.resource.namespace === NS);
    const db = exposed.find((f) => f.resource.name === "db");
    expect(db?.severity).toBe("high");
    expect(db?.message).toMatch(
      /NodePort Service db-admin on TCP\/5432, allowed from 10\.0\.0\.0\/8 except 10\.1\.0\.0\/16/,
    );
    expect(db?.related).toContainEqual(expect.objectContaining({ kind: "Service", name: "db-admin" }));
    const web = exposed.find((f) => f.resource.name === "web");
    expect(web?.related?.map((x) => `${x.kind}/${x.name}`)).toEqual(["Ingress/web", "Service/web"]);
    expect(findings.some((f) => f.check === "path.exposed-powerful-workload" && f.resource.name === "db")).toBe(true);
  });
});

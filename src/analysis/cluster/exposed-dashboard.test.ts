import { describe, expect, it } from "vitest";
import { analyze } from "../../../test/support/store.js";

const NS = "kubernetes-dashboard";
const dashboard = (
  args: string[] = [],
  sa = "kubernetes-dashboard",
  image = "docker.io/kubernetesui/dashboard:v2.7.0",
) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "kubernetes-dashboard", namespace: NS },
  spec: {
    selector: { matchLabels: { "k8s-app": "kubernetes-dashboard" } },
    template: {
      metadata: { labels: { "k8s-app": "kubernetes-dashboard" } },
      spec: {
        serviceAccountName: sa,
        containers: [{ name: "dashboard", image, args: ["--auto-generate-certificates", ...args] }],
      },
    },
  },
});
const service = (type: string) => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "kubernetes-dashboard", namespace: NS },
  spec: { type, selector: { "k8s-app": "kubernetes-dashboard" }, ports: [{ port: 443 }] },
});
const adminBinding = {
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "ClusterRoleBinding",
  metadata: { name: "dashboard-admin" },
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
  subjects: [{ kind: "ServiceAccount", name: "kubernetes-dashboard", namespace: NS }],
};
const adminRole = {
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "ClusterRole",
  metadata: { name: "cluster-admin" },
  rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }],
};
const found = (raws: unknown[]) => analyze(raws).result.findings.filter((f) => f.check === "cluster.exposed-dashboard");

describe("cluster.exposed-dashboard", () => {
  it("a dashboard behind ClusterIP, without skip-login or admin, is fine", () => {
    expect(found([dashboard(), service("ClusterIP")])).toEqual([]);
  });

  it("high when exposed through a NodePort Service; related points at the Service", () => {
    const [f] = found([dashboard(), service("NodePort")]);
    expect(f!.severity).toBe("high");
    expect(f!.resource).toMatchObject({ kind: "Deployment", name: "kubernetes-dashboard" });
    expect(f!.message).toContain("Service kubernetes-dashboard (NodePort)");
    expect(f!.related?.[0]).toMatchObject({ kind: "Service" });
  });

  it("critical with --enable-skip-login and a cluster-admin account", () => {
    const [f] = found([dashboard(["--enable-skip-login"]), service("ClusterIP"), adminRole, adminBinding]);
    expect(f!.severity).toBe("critical");
    expect(f!.message).toContain("--enable-skip-login");
    expect(f!.message).toContain("cluster-admin");
  });

  it("sees the v3 images and ignores other apps with a similar name", () => {
    expect(found([dashboard(["--enable-skip-login"], "x", "docker.io/kubernetesui/dashboard-web:1.6.0")])).toHaveLength(
      1,
    );
    const other = dashboard(["--enable-skip-login"], "x", "example.com/my-dashboard:1");
    (other.spec.template.metadata.labels as Record<string, string>) = { app: "grafana" };
    (other.spec.selector.matchLabels as Record<string, string>) = { app: "grafana" };
    expect(found([other])).toEqual([]);
  });
});

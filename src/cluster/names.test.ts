import { describe, expect, it } from "vitest";
import { imageProblem, nameProblem, objectProblems, validRef } from "./names.js";
import { project } from "./project.js";

describe("names Kubernetes would reject", () => {
  it("follows the API's rule per kind", () => {
    expect(nameProblem("Deployment", "web-1.v2")).toBeUndefined();
    expect(nameProblem("Deployment", "web$(touch /tmp/x)")).toMatch(/DNS-1123 subdomain/);
    expect(nameProblem("Deployment", "Web")).toBeDefined();
    expect(nameProblem("Namespace", "a.b")).toMatch(/DNS-1123 label/);
    expect(nameProblem("Namespace", "x".repeat(64))).toBeDefined();
    // RBAC names are path segments: colons and even ';' are accepted by the API (and then quoted).
    expect(nameProblem("ClusterRole", "system:controller:x")).toBeUndefined();
    expect(nameProblem("ClusterRoleBinding", "crb;id")).toBeUndefined();
    expect(nameProblem("ClusterRoleBinding", "crb;touch /tmp/x")).toBeDefined();
    expect(nameProblem("ClusterRoleBinding", "..")).toBeDefined();
    expect(nameProblem("RoleBinding", "a\nb")).toBeDefined();
    expect(imageProblem("nginx:1.27")).toBeUndefined();
    expect(imageProblem("nginx;id")).toBeUndefined();
    expect(imageProblem("nginx\n# x")).toBeDefined();
    expect(validRef({ kind: "Pod", namespace: "ns$(id)", name: "p" })).toBe(false);
    expect(validRef({ kind: "Pod", namespace: "ns", name: "p" })).toBe(true);
  });

  it("lists every rejected value of an object: name, namespace, containers, images, subjects", () => {
    const dep = project({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web\n# forged", namespace: "prod`id`" },
      spec: { template: { spec: { containers: [{ name: "App", image: "a\tb" }] } } },
    })!;
    const problems = objectProblems(dep);
    expect(problems).toHaveLength(4);
    expect(problems.join("\n")).not.toContain("\n# forged");
    const crb = project({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: "ok" },
      roleRef: { kind: "ClusterRole", name: "view" },
      subjects: [{ kind: "ServiceAccount", name: "sa$(id)", namespace: "ns;id" }],
    })!;
    expect(objectProblems(crb)).toHaveLength(2);
  });
});

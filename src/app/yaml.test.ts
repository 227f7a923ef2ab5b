import { describe, expect, it } from "vitest";
import type { KObject } from "../cluster/objects.js";
import { LAST_APPLIED, project } from "../cluster/project.js";
import { objectYaml, pathSegments } from "./yaml.js";

const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "web",
    namespace: "shop",
    uid: "u1",
    labels: {},
    annotations: { note: "hi\u001b[2J\u001b]0;owned\u0007there\u009b31m" },
    ownerReferences: [],
  },
  spec: {
    template: {
      spec: {
        containers: [
          { name: "a", image: "nginx" },
          { name: "b", image: "busybox", securityContext: { privileged: true, runAsUser: 0 } },
        ],
      },
    },
  },
} as KObject;

describe("objectYaml", () => {
  it("splits dotted paths with indexes", () => {
    expect(pathSegments("spec.containers[0].securityContext.privileged")).toEqual([
      "spec",
      "containers",
      0,
      "securityContext",
      "privileged",
    ]);
  });

  it.each([
    ["spec.template.spec.containers[1].securityContext.privileged", ["privileged: true"]],
    ["spec.template.spec.containers[1].securityContext", ["securityContext:", "privileged: true", "runAsUser: 0"]],
    // A missing leaf highlights its deepest existing parent.
    ["spec.template.spec.containers[1].securityContext.runAsNonRoot", ["securityContext:", "runAsUser: 0"]],
  ])("highlights %s", (path, expected) => {
    const y = objectYaml(deployment, path);
    expect(y.highlight).toBeDefined();
    const lit = y.lines.slice(y.highlight!.from, y.highlight!.to + 1).map((l) => l.trim());
    for (const e of expected) expect(lit.some((l) => l.endsWith(e))).toBe(true);
    expect(lit.some((l) => l.includes("image: nginx"))).toBe(false);
  });

  it("never returns control characters from annotations", () => {
    const y = objectYaml(deployment);
    expect(y.lines.join("\n")).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(y.lines.some((l) => l.includes("note:"))).toBe(true);
    expect(y.highlight).toBeUndefined();
  });
});

describe("secret.last-applied marker (issue 14)", () => {
  it("points at the last-applied annotation line, which says the values were dropped", () => {
    const secret = project({
      apiVersion: "v1",
      kind: "Secret",
      metadata: {
        name: "db",
        namespace: "shop",
        annotations: {
          "a.example.com/owner": "team",
          [LAST_APPLIED]: '{"kind":"Secret","data":{"password":"aHVudGVyMg=="}}',
          "z.example.com/note": "x",
        },
      },
    })!;
    const y = objectYaml(secret, `metadata.annotations.${LAST_APPLIED}`);
    expect(y.highlight).toBeDefined();
    const line = y.lines[y.highlight!.from]!;
    expect(line).toContain(LAST_APPLIED);
    expect(line).toContain("dropped by kubeward: it held the values of password");
    expect(y.lines.join("\n")).not.toContain("aHVudGVyMg==");
  });
});

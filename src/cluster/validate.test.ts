import { describe, expect, it } from "vitest";
import { wrongField } from "./validate.js";

const pod = (spec: unknown, metadata: object = { name: "p", namespace: "x" }) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata,
  spec,
});
const c = (extra: object = {}) => ({ name: "app", image: "nginx:1.27", ...extra });

describe("wrongField: the API's field types for the fields kubeward reads (issue 14)", () => {
  it.each([
    [pod("string"), { field: "spec", expected: "object", got: "string" }],
    [pod({ containers: 5 }), { field: "spec.containers", expected: "array of object", got: "integer" }],
    [pod({ hostPID: "true", containers: [c()] }), { field: "spec.hostPID", expected: "boolean", got: "string" }],
    [
      pod({ containers: [c({ securityContext: { privileged: "true" } })] }),
      { field: "spec.containers[0].securityContext.privileged", expected: "boolean", got: "string" },
    ],
    [
      pod({ containers: [c({ securityContext: { runAsUser: 0.5 } })] }),
      { field: "spec.containers[0].securityContext.runAsUser", expected: "integer", got: "number" },
    ],
    [
      pod({ containers: [c()] }, { name: "p", labels: { app: 1 } }),
      { field: "metadata.labels.app", expected: "string", got: "integer" },
    ],
    [
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "d" },
        spec: { template: { spec: { containers: [c({ ports: [{ containerPort: "80" }] })] } } },
      },
      { field: "spec.template.spec.containers[0].ports[0].containerPort", expected: "integer", got: "string" },
    ],
    [
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "ClusterRole",
        metadata: { name: "r" },
        rules: [{ verbs: "*" }],
      },
      { field: "rules[0].verbs", expected: "array of string", got: "string" },
    ],
  ])("%j is refused", (obj, error) => {
    expect(wrongField(obj)).toEqual(error);
  });

  it.each([
    pod({
      containers: [c({ securityContext: { privileged: true, runAsUser: 0 }, resources: { limits: { cpu: 1 } } })],
    }),
    pod({ containers: [c({ ports: [{ containerPort: 80 }], livenessProbe: { httpGet: { port: "http" } } })] }),
    pod({ containers: [c()], securityContext: null, futureField2030: { anything: 1 } }),
    { apiVersion: "example.io/v1", kind: "Widget", spec: "anything" },
  ])("accepts what the API accepts: %j", (obj) => {
    expect(wrongField(obj)).toBeUndefined();
  });
});

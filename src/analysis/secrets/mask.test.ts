import { describe, expect, it } from "vitest";
import { project } from "../../cluster/project.js";
import { MASKED_VALUE, maskCredentials } from "./mask.js";

describe("maskCredentials", () => {
  it("masks flagged env values in a controller template and leaves the rest", () => {
    const deploy = project({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "d", namespace: "n" },
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: "app",
                env: [
                  { name: "API_TOKEN", value: "s3cr3t-t0ken-value" },
                  { name: "MODE", value: "prod" },
                ],
              },
            ],
          },
        },
      },
    })!;
    const masked = maskCredentials(deploy).object;
    const env = masked.spec.template.spec.containers[0].env;
    expect(env).toEqual([
      { name: "API_TOKEN", value: MASKED_VALUE },
      { name: "MODE", value: "prod" },
    ]);
    expect(deploy.spec.template.spec.containers[0].env[0].value).toBe("s3cr3t-t0ken-value");
  });

  it("masks credential-bearing ConfigMap keys", () => {
    const cm = project({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c", namespace: "n" },
      data: { AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE", LOG_LEVEL: "info" },
    })!;
    expect(maskCredentials(cm).object.data).toEqual({ AWS_ACCESS_KEY_ID: MASKED_VALUE, LOG_LEVEL: "info" });
  });
});

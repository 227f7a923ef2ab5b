import { describe, expect, it } from "vitest";
import { deploymentWith } from "../../../test/support/objects.js";
import { analyze } from "../../../test/support/store.js";

const PASSWORD = "Sup3rS3cretPassw0rd!";
const AWS = "AKIAIOSFODNN7EXAMPLE";

const ofCheck = (raws: unknown[], check: string) => analyze(raws).result.findings.filter((f) => f.check === check);

describe("secret.plaintext-env", () => {
  it.each([
    [
      "a password-named var",
      [{ name: "POSTGRES_PASSWORD", value: PASSWORD }],
      "spec.template.spec.containers[0].env[0].value",
      "POSTGRES_PASSWORD",
    ],
    [
      "an AWS key in any var",
      [
        { name: "X", value: "1" },
        { name: "CFG", value: `key=${AWS}` },
      ],
      "spec.template.spec.containers[0].env[1].value",
      "AKIA…",
    ],
  ])("flags %s by name and location, value masked", (_, env, path, shown) => {
    const f = ofCheck(
      [deploymentWith({ containers: [{ name: "db", image: "postgres:15", env }] })],
      "secret.plaintext-env",
    );
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ path, container: "db", severity: "high" });
    expect(f[0]!.message).toContain(shown);
    const text = JSON.stringify(f);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(AWS);
  });

  it.each([
    ["a valueFrom", [{ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "s", key: "k" } } }]],
    ["a placeholder", [{ name: "DB_PASSWORD", value: "$(FROM_SECRET)" }]],
    [
      "harmless values",
      [
        { name: "LOG_LEVEL", value: "debug" },
        { name: "PORT", value: "8080" },
      ],
    ],
    ["values of the wrong type", [{ name: "PASSWORD", value: 12345678 }, "x", null]],
  ])("passes with %s", (_, env) => {
    expect(
      ofCheck([deploymentWith({ containers: [{ name: "app", image: "a:1", env }] })], "secret.plaintext-env"),
    ).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { configMapRaw } from "../../../test/support/objects.js";
import { analyze } from "../../../test/support/store.js";

const PASSWORD = "Sup3rS3cretPassw0rd!";
const AWS = "AKIAIOSFODNN7EXAMPLE";

const ofCheck = (raws: unknown[], check: string) => analyze(raws).result.findings.filter((f) => f.check === check);

describe("secret.plaintext-configmap", () => {
  it("flags each credential key of a ConfigMap, masked", () => {
    const f = ofCheck(
      [
        configMapRaw("shop", "cfg", {
          LOG_LEVEL: "info",
          AWS_ACCESS_KEY_ID: AWS,
          "app.properties": `a=1\ndb.password=${PASSWORD}\n`,
        }),
      ],
      "secret.plaintext-configmap",
    );
    expect(f.map((x) => x.path).sort()).toEqual(["data.AWS_ACCESS_KEY_ID", "data.app.properties"]);
    expect(f.find((x) => x.path === "data.app.properties")!.message).toContain("line 2 (db.password)");
    const text = JSON.stringify(f);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(AWS);
  });

  it.each([
    ["plain settings", { LOG_LEVEL: "info", URL: "https://x.example.com" }],
    ["a CA certificate", { "ca.crt": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n" }],
    ["data of the wrong type", "nonsense"],
  ])("passes with %s", (_, data) => {
    expect(
      ofCheck([configMapRaw("shop", "cfg", data as Record<string, unknown>)], "secret.plaintext-configmap"),
    ).toEqual([]);
  });
});

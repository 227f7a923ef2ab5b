import { describe, expect, it } from "vitest";
import { detectCredential, detectInValue } from "./detectors.js";

// Test values are assembled at run time so the repository holds no scannable token literals.
/** A ${VAR} reference, built so no string literal holds a template-looking "${". */
const shellRef = (name: string) => ["$", "{", name, "}"].join("");
const gh = `ghp_${"a1B2".repeat(9)}`;
const jwt = `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${"s".repeat(20)}`;
const pem = `-----BEGIN RSA ${"PRIVATE"} KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----`;

describe("credential detectors", () => {
  it.each([
    ["AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", "aws-access-key", "AKIA…"],
    ["ANY", `token=${gh}`, "github-token", "ghp_…"],
    ["GITLAB", `glpat-${"x".repeat(20)}`, "gitlab-token", "glpa…"],
    ["SLACK", `xoxb-${"1".repeat(12)}-abc`, "slack-token", "xoxb…"],
    ["STRIPE", `sk_live_${"a".repeat(24)}`, "stripe-key", "sk_l…"],
    ["NPM", `npm_${"A".repeat(36)}`, "npm-token", "npm_…"],
    ["AUTH", `Bearer ${jwt}`, "jwt", "eyJh…"],
    ["TLS_KEY", pem, "private-key", "…"],
    ["DATABASE_URL", "postgres://shop:hunter22@db:5432/shop", "basic-auth-url", "postgres://…"],
    ["POSTGRES_PASSWORD", "Sup3rS3cretPassw0rd!", "password-key", "…"],
    ["api_key", "0123abcd0123abcd", "password-key", "…"],
    ["AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "password-key", "…"],
    ["client-secret", "s3cr3t-v@lue", "password-key", "…"],
  ])("%s: finds %s", (key, value, detector, masked) => {
    const d = detectCredential(key, value);
    expect(d).toMatchObject({ detector, masked });
    // The mask never carries more than a well-known 4-character prefix.
    expect(value).not.toBe(d!.masked);
    expect(d!.masked.replace("…", "").length).toBeLessThanOrEqual(11);
  });

  it.each([
    ["LOG_LEVEL", "info"],
    ["DB_HOST", "db.shop.svc"],
    ["POSTGRES_USER", "shop"],
    ["DB_PASSWORD", ""],
    ["DB_PASSWORD", "$(DB_PASSWORD_FROM_SECRET)"],
    ["DB_PASSWORD", shellRef("DB_PASSWORD")],
    ["DB_PASSWORD", "{{ .Values.password }}"],
    ["DB_PASSWORD", "<your password>"],
    ["PASSWORD_FILE", "/var/run/secrets/db/password"],
    ["TOKEN_TTL", "3600"],
    ["TOKEN_URL", "https://auth.example.com/token"],
    ["SECRET_NAME", "db-credentials"],
    ["API_KEY", "changeme".slice(0, 2)],
    ["DATABASE_URL", "postgres://db:5432/shop"],
    ["TLS_CERT", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"],
    ["N", 42],
  ])("%s=%j: nothing", (key, value) => {
    expect(detectCredential(key, value)).toBeUndefined();
  });

  it("finds credentials on their lines in a config file and names the setting", () => {
    const file = `server.port=8080\ndb.user=shop\ndb.password=hunter2hunter2\n# comment\napi_key: ${shellRef("API_KEY")}\n`;
    const found = detectInValue("application.properties", file);
    expect(found).toEqual([expect.objectContaining({ detector: "password-key", line: 3, setting: "db.password" })]);
    expect(JSON.stringify(found)).not.toContain("hunter2");
  });

  it("finds a multi-line private key once, on its header line", () => {
    expect(detectInValue("tls.key", pem)).toEqual([expect.objectContaining({ detector: "private-key", line: 1 })]);
  });
});

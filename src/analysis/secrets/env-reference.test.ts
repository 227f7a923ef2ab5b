import { describe, expect, it } from "vitest";
import { deploymentWith } from "../../../test/support/objects.js";
import { roundTrip } from "../../../test/support/roundtrip.js";
import { analyze, podWith } from "../../../test/support/store.js";

const CHECK = "secret.env-reference";
type Spec = { volumes?: unknown[]; containers: { envFrom?: unknown[]; volumeMounts?: { mountPath: string }[] }[] };
const podSpecOf = (body: unknown) => (body as { spec: { template: { spec: Spec } } }).spec.template.spec;
const found = (raws: unknown[]) => analyze(raws).result.findings.filter((f) => f.check === CHECK);

const envRef = { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } };
const withEnv = (c: Record<string, unknown>) => ({ containers: [{ name: "app", image: "a:1", ...c }] });

describe(CHECK, () => {
  it.each([
    [
      "secretKeyRef",
      withEnv({ env: [{ name: "X", value: "1" }, envRef] }),
      "spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef",
    ],
    [
      "envFrom secretRef",
      withEnv({ envFrom: [{ configMapRef: { name: "c" } }, { secretRef: { name: "db" } }] }),
      "spec.template.spec.containers[0].envFrom[1].secretRef",
    ],
    [
      "an init container",
      { initContainers: [{ name: "init", image: "a:1", env: [envRef] }], containers: [{ name: "app", image: "a:1" }] },
      "spec.template.spec.initContainers[0].env[0].valueFrom.secretKeyRef",
    ],
  ])("flags %s with its path", (_, spec, path) => {
    const f = found([deploymentWith(spec)]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ path, severity: "medium", panel: "secrets" });
    expect(f[0]!.message).toContain("db");
  });

  it.each([
    ["a plain value", withEnv({ env: [{ name: "X", value: "1" }] })],
    ["a configMapKeyRef", withEnv({ env: [{ name: "X", valueFrom: { configMapKeyRef: { name: "c", key: "k" } } }] })],
    [
      "a mounted secret",
      {
        containers: [{ name: "app", image: "a:1", volumeMounts: [{ name: "s", mountPath: "/s" }] }],
        volumes: [{ name: "s", secret: { secretName: "db" } }],
      },
    ],
    ["env of the wrong type", withEnv({ env: "nonsense", envFrom: [null, 3] })],
    ["a secretKeyRef without a name", withEnv({ env: [{ name: "X", valueFrom: { secretKeyRef: { key: "k" } } }] })],
  ])("passes with %s", (_, spec) => {
    expect(found([deploymentWith(spec)])).toEqual([]);
  });

  it("moves a secretKeyRef into a mounted volume and removes the env var", () => {
    const rt = roundTrip([deploymentWith(withEnv({ env: [{ name: "KEEP", value: "1" }, envRef] }))], [CHECK]);
    expect(rt.plans).toHaveLength(1);
    const plan = rt.plans[0]!;
    expect(plan.type).toBe("strategic");
    expect(plan.body).toEqual({
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: "app",
                env: [{ name: "DB_PASSWORD", $patch: "delete" }],
                volumeMounts: [{ name: "secret-db", mountPath: "/var/run/secrets/db", readOnly: true }],
              },
            ],
            volumes: [{ name: "secret-db", secret: { secretName: "db" } }],
          },
        },
      },
    });
    expect(plan.mayBreak.join()).toMatch(/must read \/var\/run\/secrets\/db/);
    expect(rt.remaining).toEqual([]);
    expect(rt.introduced).toEqual([]);
    const after = rt.after.findings;
    expect(after.filter((f) => f.check === CHECK)).toEqual([]);
  });

  it("moves every envFrom secret at once and keeps the other envFrom sources", () => {
    const spec = withEnv({
      envFrom: [{ secretRef: { name: "a" } }, { configMapRef: { name: "c" } }, { secretRef: { name: "b" } }],
    });
    const rt = roundTrip([deploymentWith(spec)], [CHECK]);
    expect(rt.before.findings.filter((f) => f.check === CHECK)).toHaveLength(2);
    expect(rt.plans).toHaveLength(1);
    const c = podSpecOf(rt.plans[0]!.body).containers[0]!;
    expect(c.envFrom).toEqual([{ configMapRef: { name: "c" } }]);
    expect(c.volumeMounts!.map((m: { mountPath: string }) => m.mountPath)).toEqual([
      "/var/run/secrets/a",
      "/var/run/secrets/b",
    ]);
    expect(rt.remaining).toEqual([]);
    expect(rt.introduced).toEqual([]);
  });

  it("reuses a volume that already holds the secret", () => {
    const spec = {
      containers: [
        { name: "app", image: "a:1", env: [envRef], volumeMounts: [{ name: "creds", mountPath: "/etc/creds" }] },
      ],
      volumes: [{ name: "creds", secret: { secretName: "db" } }],
    };
    const rt = roundTrip([deploymentWith(spec)], [CHECK]);
    const body = podSpecOf(rt.plans[0]!.body);
    expect(body.volumes).toBeUndefined();
    expect(body.containers[0]!.volumeMounts).toBeUndefined();
    expect(rt.plans[0]!.explains.join()).toContain("/etc/creds/password");
    expect(rt.remaining).toEqual([]);
  });

  it("fixes a bare pod with a recreate manifest", () => {
    const rt = roundTrip([podWith(withEnv({ env: [envRef] }))], [CHECK]);
    expect(rt.plans[0]!.type).toBe("manifest");
    expect(JSON.stringify(rt.plans[0]!.body)).not.toContain("$patch");
    expect(rt.remaining).toEqual([]);
  });
});

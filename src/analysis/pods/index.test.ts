import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cronJobChain, deploymentChain, levelOf, podWith, restrictedSpec } from "../../../test/support/pss.js";
import { roundTrip } from "../../../test/support/roundtrip.js";
import { analyze, storeOf } from "../../../test/support/store.js";
import { demoObjects } from "../../cluster/demo/cluster.js";
import { refKey } from "../../cluster/objects.js";
import { DEFAULT_OPTIONS } from "../engine.js";
import type { PodsModel } from "../models.js";
import { checkCatalog } from "../registry.js";
import { workloadsIn } from "../workloads.js";
import { podChecks, podsEngine, pssChecks } from "./index.js";

describe("pods engine: levels", () => {
  it.each([
    ["a pod meeting restricted", restrictedSpec(), "restricted"],
    ["a default pod", {}, "baseline"],
    ["a pod with hostPID", { hostPID: true }, "privileged"],
    [
      "a restricted pod with one unsafe sysctl",
      restrictedSpec({
        securityContext: {
          runAsNonRoot: true,
          seccompProfile: { type: "RuntimeDefault" },
          sysctls: [{ name: "kernel.msgmax", value: "1" }],
        },
      }),
      "privileged",
    ],
    [
      "a restricted pod whose init container may escalate",
      restrictedSpec({ initContainers: [{ name: "i", securityContext: { capabilities: { drop: ["ALL"] } } }] }),
      "baseline",
    ],
    [
      "a restricted pod with an nfs volume",
      restrictedSpec({ volumes: [{ name: "n", nfs: { server: "s", path: "/" } }] }),
      "baseline",
    ],
    [
      "a Windows pod without Linux-only restricted fields",
      { os: { name: "windows" }, securityContext: { runAsNonRoot: true } },
      "restricted",
    ],
    [
      "a user-namespace pod without runAsNonRoot",
      restrictedSpec({ hostUsers: false, securityContext: { seccompProfile: { type: "RuntimeDefault" } } }),
      "restricted",
    ],
  ])("%s is %s", (_, spec, level) => {
    expect(levelOf([podWith(spec)])).toBe(level);
  });

  it("judges a Deployment scaled to zero from its template and publishes the level in the model", () => {
    const raws = deploymentChain({ hostNetwork: true, containers: [{ name: "a" }] }).slice(0, 1);
    const { result } = analyze(raws);
    expect(result.workloads).toEqual([expect.objectContaining({ kind: "Deployment", podSecurity: "privileged" })]);
    const model = result.models.get("pods") as PodsModel;
    expect(model.levelOf(refKey({ kind: "Deployment", namespace: "shop", name: "web" }))).toBe("privileged");
    expect(model.levelOf("Deployment/shop/nope")).toBeUndefined();
  });

  it("gives every Pod and template of the demo a level; payments stays restricted", () => {
    const { result } = analyze(demoObjects());
    expect(result.workloads.length).toBeGreaterThan(20);
    for (const w of result.workloads) expect(w.podSecurity).toMatch(/^(privileged|baseline|restricted)$/);
    expect(result.workloads.filter((w) => w.namespace === "payments").map((w) => w.podSecurity)).toEqual(
      expect.arrayContaining(["restricted"]),
    );
    expect(result.workloads.filter((w) => w.namespace === "payments" && w.podSecurity !== "restricted")).toEqual([]);
    expect(result.namespaces.find((n) => n.name === "payments")?.enforceableLevel).toBe("restricted");
  });

  it("the demo exercises most PSS controls", () => {
    const checks = new Set(analyze(demoObjects()).result.findings.map((f) => f.check));
    const missing = pssChecks.map((c) => c.meta.id).filter((id) => !checks.has(id));
    expect(missing).toEqual([]);
  });
});

describe("pods engine: fixes", () => {
  const everyFixable = [...checkCatalog().values()]
    .filter((c) => c.meta.panel === "pods" && c.fix)
    .map((c) => c.meta.id);

  it("merges every finding of a Deployment chain into one patch that clears them", () => {
    const spec = {
      hostPID: true,
      securityContext: { runAsUser: 0, sysctls: [{ name: "kernel.msgmax", value: "1" }] },
      initContainers: [{ name: "init", securityContext: { privileged: true, procMount: "Unmasked" } }],
      containers: [
        {
          name: "app",
          securityContext: { capabilities: { add: ["NET_ADMIN", "CHOWN"] }, seccompProfile: { type: "Unconfined" } },
          ports: [{ containerPort: 80, hostPort: 80 }],
          livenessProbe: { httpGet: { host: "10.0.0.1", port: 80 } },
          resources: { limits: { cpu: "1", memory: "1Gi" } },
        },
      ],
    };
    const rt = roundTrip(
      deploymentChain(spec, { annotations: { "container.apparmor.security.beta.kubernetes.io/app": "unconfined" } }),
      everyFixable,
    );
    expect(rt.plans.map((p) => `${p.target.kind}/${p.target.name}`)).toEqual(["Deployment/web"]);
    expect(rt.plans[0]!.findings.length).toBeGreaterThan(10);
    expect(rt.remaining).toEqual([]);
    expect(rt.introduced).toEqual([]);
  });

  it("clears a CronJob chain the same way", () => {
    const rt = roundTrip(
      cronJobChain({ hostIPC: true, containers: [{ name: "r", securityContext: { runAsNonRoot: false } }] }),
      everyFixable,
    );
    expect(rt.plans.map((p) => `${p.target.kind}/${p.target.name}`)).toEqual(["CronJob/cj"]);
    expect(rt.remaining).toEqual([]);
    expect(rt.introduced).toEqual([]);
  });

  it("fixes everything fixable in the demo, leaves only findings it said it could not fix, adds none", () => {
    const rt = roundTrip(demoObjects() as Record<string, unknown>[], everyFixable);
    const unfixable = new Set(
      rt.before.findings
        .filter((f) => !f.fix || f.fix.type === "none")
        .map((f) => `${f.check}|${refKey(f.resource)}|${f.container}`),
    );
    expect(rt.remaining.length).toBeGreaterThan(0);
    for (const f of rt.remaining) expect(unfixable).toContain(`${f.check}|${refKey(f.resource)}|${f.container}`);
    expect(rt.introduced).toEqual([]);
  });
});

describe("pods engine: robustness", () => {
  const junk = fc.oneof(fc.anything(), fc.constantFrom(null, true, 0, "Unconfined", "ALL", [], {}));
  const sc = fc.dictionary(
    fc.constantFrom(
      "privileged",
      "allowPrivilegeEscalation",
      "capabilities",
      "runAsNonRoot",
      "runAsUser",
      "procMount",
      "seccompProfile",
      "appArmorProfile",
      "seLinuxOptions",
      "windowsOptions",
      "sysctls",
    ),
    fc.oneof(
      junk,
      fc.record({ type: fc.oneof(junk, fc.constantFrom("RuntimeDefault", "Localhost", "Unconfined", "spc_t")) }),
      fc.record({
        add: fc.array(fc.oneof(junk, fc.constantFrom("SYS_ADMIN", "CHOWN", "NET_BIND_SERVICE"))),
        drop: fc.oneof(junk, fc.constant(["ALL"])),
      }),
      fc.array(fc.record({ name: fc.oneof(junk, fc.constantFrom("kernel.msgmax", "net.ipv4.tcp_rmem")) })),
    ),
  );
  const container = fc.dictionary(
    fc.constantFrom("name", "securityContext", "ports", "livenessProbe", "lifecycle", "resources"),
    fc.oneof(
      junk,
      sc,
      fc.array(fc.record({ containerPort: junk, hostPort: junk })),
      fc.record({ httpGet: fc.record({ host: junk }) }),
    ),
  );
  const spec = fc.dictionary(
    fc.constantFrom(
      "containers",
      "initContainers",
      "ephemeralContainers",
      "volumes",
      "hostPID",
      "hostNetwork",
      "hostUsers",
      "securityContext",
      "os",
    ),
    fc.oneof(
      junk,
      fc.array(fc.oneof(container, junk), { maxLength: 3 }),
      sc,
      fc.record({ name: fc.constantFrom("windows", "linux") }),
    ),
  );
  const annotations = fc.dictionary(
    fc.constantFrom("container.apparmor.security.beta.kubernetes.io/a", "x"),
    fc.string(),
  );

  it("never throws on random pod specs, and a restricted pod has no PSS finding", () => {
    const pssIds = new Set(pssChecks.map((c) => c.meta.id));
    fc.assert(
      fc.property(spec, annotations, (s, ann) => {
        const raw = {
          apiVersion: "v1",
          kind: "Pod",
          metadata: { name: "p", namespace: "t", uid: "u", annotations: ann },
          spec: s,
        };
        const store = storeOf([raw]);
        const ctx = { store, options: DEFAULT_OPTIONS, models: new Map(), findings: [] };
        for (const w of workloadsIn(store)) for (const c of podChecks) c.detect(w, ctx);
        const out = podsEngine().run(ctx);
        for (const f of out.findings) {
          const check = checkCatalog().get(f.check);
          check?.fix?.(f, { store, object: store.getByName("Pod", "t", "p"), models: new Map([["pods", out.model]]) });
        }
        const level = out.workloads?.get("Pod/t/p")?.podSecurity;
        expect(level).toMatch(/^(privileged|baseline|restricted)$/);
        if (level === "restricted") expect(out.findings.filter((f) => pssIds.has(f.check))).toEqual([]);
        if (level !== "privileged")
          expect(out.findings.filter((f) => pssIds.has(f.check) && f.severity === "critical")).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

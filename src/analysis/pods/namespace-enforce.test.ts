import { describe, expect, it } from "vitest";
import { podWith, restrictedSpec } from "../../../test/support/pss.js";
import { roundTrip } from "../../../test/support/roundtrip.js";
import { analyze } from "../../../test/support/store.js";

const ID = "pod.namespace-no-enforce";
const namespace = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: "v1",
  kind: "Namespace",
  metadata: { name, uid: `ns-${name}`, labels },
});
const inNs = (ns: string, name: string, spec: Record<string, unknown>) =>
  podWith(spec, { namespace: ns, name, uid: `${ns}-${name}` });

describe(ID, () => {
  it.each([
    ["no workloads", [], "restricted"],
    ["a restricted pod", [inNs("a", "p", restrictedSpec())], "restricted"],
    ["a restricted pod and a baseline one", [inNs("a", "p", restrictedSpec()), inNs("a", "q", {})], "baseline"],
    ["a privileged pod", [inNs("a", "p", { hostPID: true })], "privileged"],
  ])("a namespace with %s can enforce %s", (_, pods, level) => {
    const { result } = analyze([namespace("a"), ...pods]);
    expect(result.namespaces.find((n) => n.name === "a")?.enforceableLevel).toBe(level);
  });

  it("counts pod templates too (a Deployment scaled to zero)", () => {
    const deploy = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "d", namespace: "a", uid: "d" },
      spec: { replicas: 0, template: { spec: { hostIPC: true, containers: [{ name: "c" }] } } },
    };
    const { result } = analyze([namespace("a"), deploy]);
    expect(result.namespaces.find((n) => n.name === "a")?.enforceableLevel).toBe("privileged");
    expect(result.workloads.find((w) => w.kind === "Deployment")?.podSecurity).toBe("privileged");
  });

  it("does not flag a namespace that enforces a level", () => {
    const { result } = analyze([namespace("a", { "pod-security.kubernetes.io/enforce": "baseline" })]);
    expect(result.findings.filter((f) => f.check === ID)).toEqual([]);
  });

  it("labels the namespace with the level it meets, and the finding clears", () => {
    const rt = roundTrip([namespace("a"), inNs("a", "q", {})], [ID]);
    expect(rt.plans).toHaveLength(1);
    expect(rt.plans[0]!.target).toMatchObject({ kind: "Namespace", name: "a" });
    expect(rt.plans[0]!.body).toEqual({ metadata: { labels: { "pod-security.kubernetes.io/enforce": "baseline" } } });
    expect(rt.remaining).toEqual([]);
    expect(rt.introduced).toEqual([]);
  });

  it("gives no patch when only privileged would admit the workloads", () => {
    const { result } = analyze([namespace("a"), inNs("a", "p", { hostPID: true })]);
    const f = result.findings.find((x) => x.check === ID);
    expect(f?.fix?.type).toBe("none");
    expect(f?.message).toMatch(/need "privileged"/);
  });
});

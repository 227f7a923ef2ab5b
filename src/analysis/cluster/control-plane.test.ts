// Every control-plane flag check on the three shapes the API shows: kubeadm's
// defaults, a weakened kind cluster, and rke2 (args, --config files).
import { describe, expect, it } from "vitest";
import {
  kindControlPlane,
  kubeadmControlPlane,
  mirrorPod,
  nodeObject,
  rke2ControlPlane,
} from "../../../test/support/control-plane.js";
import { analyze } from "../../../test/support/store.js";
import type { Finding } from "../finding.js";
import { checkCatalog } from "../registry.js";

const cis = (f: Finding) => /CIS ([\d.]+)/.exec(f.message)?.[1];
const clusterFindings = (raws: unknown[]) => analyze(raws).result.findings.filter((f) => f.panel === "cluster");
/** check id → CIS ids → severity, of the findings on control-plane pods. */
function summary(fs: Finding[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs)
    if (f.resource.kind === "Pod" && cis(f)) out[`${f.check} ${cis(f)} ${f.resource.name}`] = f.severity;
  return out;
}

describe("control-plane flags: kubeadm defaults", () => {
  const fs = clusterFindings(kubeadmControlPlane());

  it("reports what kubeadm leaves at weak defaults, and nothing it sets", () => {
    expect(summary(fs)).toEqual({
      "cluster.apiserver-anonymous-auth 1.2.1 kube-apiserver-cp-1": "high",
      "cluster.apiserver-audit-log 1.2.16 kube-apiserver-cp-1": "medium",
      "cluster.apiserver-encryption-at-rest 1.2.27 kube-apiserver-cp-1": "medium",
      "cluster.apiserver-kubelet-ca 1.2.5 kube-apiserver-cp-1": "medium",
      "cluster.profiling 1.2.15 kube-apiserver-cp-1": "low",
      "cluster.profiling 1.3.2 kube-controller-manager-cp-1": "low",
      "cluster.profiling 1.4.1 kube-scheduler-cp-1": "low",
    });
    expect(fs.some((f) => f.check === "cluster.control-plane-not-observable")).toBe(false);
  });

  it("a fixed flag clears its finding", () => {
    const fixed = clusterFindings(kubeadmControlPlane(["--anonymous-auth=false", "--profiling=false"]));
    expect(fixed.map(cis)).not.toContain("1.2.1");
    expect(fixed.map(cis)).not.toContain("1.2.15");
  });

  it("drills down to the flag, its value, the CIS text and the manifest line; says it cannot patch", () => {
    const { store, result } = analyze(kubeadmControlPlane());
    const f = result.findings.find((x) => x.check === "cluster.apiserver-anonymous-auth")!;
    const obj = store.getByName("Pod", "kube-system", "kube-apiserver-cp-1");
    const lines = checkCatalog().get(f.check)!.detail!(f, obj);
    expect(lines).toEqual([
      "Flag: --anonymous-auth · current: true (not set: the default)",
      "CIS Kubernetes Benchmark v1.10 1.2.1: Ensure that the --anonymous-auth argument is set to false",
      "In /etc/kubernetes/manifests/kube-apiserver.yaml on the control-plane node, under spec.containers[0].command, set:",
      "    - --anonymous-auth=false",
      expect.stringContaining("kubeward cannot patch a static pod"),
    ]);
    expect(f.fix).toBeUndefined();
  });
});

describe("control-plane flags: a weakened kind cluster", () => {
  const fs = clusterFindings(kindControlPlane());
  const api = "kube-apiserver-kind-control-plane";
  const etcd = "etcd-kind-control-plane";

  it("reads --flag value, repeated list flags, bare booleans and single-dash etcd flags", () => {
    expect(summary(fs)).toEqual({
      [`cluster.apiserver-authorization 1.2.6 ${api}`]: "critical",
      [`cluster.apiserver-authorization 1.2.7 ${api}`]: "medium",
      [`cluster.apiserver-authorization 1.2.8 ${api}`]: "high",
      [`cluster.apiserver-admission 1.2.10 ${api}`]: "high",
      [`cluster.apiserver-anonymous-auth 1.2.1 ${api}`]: "high",
      [`cluster.apiserver-audit-log 1.2.17 ${api}`]: "low",
      [`cluster.apiserver-audit-log 1.2.18 ${api}`]: "low",
      [`cluster.apiserver-audit-log 1.2.19 ${api}`]: "low",
      [`cluster.apiserver-encryption-at-rest 1.2.27 ${api}`]: "medium",
      [`cluster.apiserver-kubelet-ca 1.2.5 ${api}`]: "medium",
      [`cluster.etcd-tls 2.1 ${etcd}`]: "high",
      [`cluster.etcd-tls 2.2 ${etcd}`]: "high",
      [`cluster.etcd-tls 2.3 ${etcd}`]: "medium",
      [`cluster.etcd-tls 2.4 ${etcd}`]: "medium",
      [`cluster.etcd-tls 2.5 ${etcd}`]: "medium",
      [`cluster.etcd-tls 2.6 ${etcd}`]: "medium",
    });
  });

  it("points the evidence at the occurrence that is wrong", () => {
    const path = (c: string) => fs.find((f) => cis(f) === c)?.path;
    expect(path("1.2.6")).toBe("spec.containers[0].command[1]");
    expect(path("1.2.10")).toBe("spec.containers[0].command[4]");
    expect(path("1.2.1")).toBe("spec.containers[0].command[5]");
    expect(path("1.2.17")).toBe("spec.containers[0].command[8]");
    expect(path("2.6")).toBe("spec.containers[0].command[3]");
  });

  it("takes etcd's ETCD_* environment as flags", () => {
    const env = clusterFindings([
      mirrorPod("etcd", {
        command: [
          "etcd",
          "--cert-file=/pki/s.crt",
          "--key-file=/pki/s.key",
          "--peer-cert-file=/p.crt",
          "--peer-key-file=/p.key",
        ],
        env: [
          { name: "ETCD_CLIENT_CERT_AUTH", value: "true" },
          { name: "ETCD_PEER_CLIENT_CERT_AUTH", value: "true" },
        ],
      }),
    ]);
    expect(env.filter((f) => f.check === "cluster.etcd-tls")).toEqual([]);
  });
});

describe("control-plane flags: rke2 (args, config files)", () => {
  const fs = clusterFindings(rke2ControlPlane());

  it("passes nothing it cannot see: items a --config file may set are info, not observable", () => {
    expect(summary(fs)).toEqual({
      "cluster.profiling 1.4.1 kube-scheduler-rke2-server-1": "info",
      "cluster.bind-address 1.4.2 kube-scheduler-rke2-server-1": "info",
      "cluster.etcd-tls 2.1 etcd-rke2-server-1": "info",
      "cluster.etcd-tls 2.2 etcd-rke2-server-1": "info",
      "cluster.etcd-tls 2.3 etcd-rke2-server-1": "info",
      "cluster.etcd-tls 2.4 etcd-rke2-server-1": "info",
      "cluster.etcd-tls 2.5 etcd-rke2-server-1": "info",
      "cluster.etcd-tls 2.6 etcd-rke2-server-1": "info",
    });
    const sched = fs.find((f) => cis(f) === "1.4.1")!;
    expect(sched.message).toContain("/var/lib/rancher/rke2/server/sched/config.yaml");
    expect(sched.message).toContain("not observable");
    expect(sched.path).toBe("spec.containers[0].args[0]");
  });

  it("names rke2's manifest directory in the drill-down", () => {
    const { store, result } = analyze(rke2ControlPlane());
    const f = result.findings.find((x) => x.check === "cluster.bind-address")!;
    const lines = checkCatalog().get(f.check)!.detail!(f, store.getByName("Pod", "kube-system", f.resource.name));
    expect(lines.join("\n")).toContain("/var/lib/rancher/rke2/agent/pod-manifests/kube-scheduler.yaml");
    expect(lines[0]).toContain("not observable");
  });
});

describe("control plane not observable", () => {
  it("one info finding when a cluster shows no kube-apiserver pod, never a pass", () => {
    const fs = clusterFindings([nodeObject("ip-10-0-1-5", "v1.36.1-eks-1234")]);
    const no = fs.filter((f) => f.check === "cluster.control-plane-not-observable");
    expect(no).toHaveLength(1);
    expect(no[0]!.severity).toBe("info");
    expect(no[0]!.message).toContain("not observable");
  });

  it("says nothing about a folder of application manifests", () => {
    const fs = clusterFindings([
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "a", namespace: "shop" },
        spec: { containers: [{ name: "c", image: "x:1" }] },
      },
    ]);
    expect(fs.filter((f) => f.check === "cluster.control-plane-not-observable")).toEqual([]);
  });

  it("does not take an app pod labelled component=kube-apiserver outside kube-system for the control plane", () => {
    const fake = mirrorPod("kube-apiserver", { command: ["kube-apiserver"] });
    (fake.metadata as Record<string, unknown>).namespace = "shop";
    expect(clusterFindings([fake, nodeObject("n1", "v1.36.0")]).map((f) => f.check)).toContain(
      "cluster.control-plane-not-observable",
    );
  });
});

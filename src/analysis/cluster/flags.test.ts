import { describe, expect, it } from "vitest";
import { lastValue, listValues, parseBool, parseContainerFlags } from "./flags.js";

const parse = (c: Record<string, unknown>) => parseContainerFlags(c, "spec.containers[0]");

describe("control-plane flag parsing", () => {
  it("reads --flag=value and --flag value, with the path of each occurrence", () => {
    const f = parse({ command: ["kube-apiserver", "--authorization-mode", "Node,RBAC", "--secure-port=6443"] });
    expect(lastValue(f, "authorization-mode")).toEqual({
      value: "Node,RBAC",
      path: "spec.containers[0].command[1]",
      written: "--authorization-mode Node,RBAC",
    });
    expect(lastValue(f, "secure-port")?.path).toBe("spec.containers[0].command[3]");
  });

  it("takes a bare flag followed by another flag as boolean true", () => {
    const f = parse({ command: ["kube-apiserver", "--anonymous-auth", "--profiling=false"] });
    expect(lastValue(f, "anonymous-auth")?.value).toBe("true");
    expect(parseBool(lastValue(f, "profiling")!.value)).toBe(false);
  });

  it("keeps the last value of a repeated scalar and appends repeated list flags", () => {
    const f = parse({
      command: ["kube-apiserver", "--profiling=false", "--profiling=true"],
      args: ["--enable-admission-plugins=NodeRestriction", "--enable-admission-plugins", "AlwaysAdmit,EventRateLimit"],
    });
    expect(lastValue(f, "profiling")?.value).toBe("true");
    expect(listValues(f, "enable-admission-plugins")).toEqual(["NodeRestriction", "AlwaysAdmit", "EventRateLimit"]);
    expect(f.byName.get("enable-admission-plugins")?.[1]?.path).toBe("spec.containers[0].args[1]");
  });

  it("accepts etcd's single-dash flags, quoted values and the environment", () => {
    const f = parse({
      command: ["etcd", "-client-cert-auth", '--cert-file="/pki/server.crt"'],
      env: [
        { name: "ETCD_PEER_AUTO_TLS", value: "true" },
        { name: "X", valueFrom: {} },
      ],
    });
    expect(lastValue(f, "client-cert-auth")?.value).toBe("true");
    expect(lastValue(f, "cert-file")?.value).toBe("/pki/server.crt");
    expect(f.env.get("ETCD_PEER_AUTO_TLS")).toBe("true");
    expect(f.env.has("X")).toBe(false);
  });

  it("splits a sh -c command line", () => {
    const f = parse({ command: ["/bin/sh", "-c", "kube-scheduler --bind-address=0.0.0.0 --leader-elect=true"] });
    expect(lastValue(f, "bind-address")).toMatchObject({ value: "0.0.0.0", path: "spec.containers[0].command[2]" });
  });

  it("never throws on hostile shapes", () => {
    for (const c of [undefined, null, 7, { command: "kube-apiserver --x" }, { command: [1, null, "--=", "-", "--"] }])
      expect(() => parseContainerFlags(c, "spec.containers[0]")).not.toThrow();
  });
});

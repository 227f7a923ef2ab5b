import { describe, expect, it } from "vitest";
import { LineCounter, parseDocument } from "yaml";
import { Analyzer } from "../analysis/analyzer.js";
import type { Finding } from "../analysis/finding.js";
import { checkMetas, createEngines } from "../analysis/registry.js";
import { project } from "../cluster/project.js";
import { Store } from "../store/store.js";
import { parseExceptions } from "./exceptions.js";
import { parseAcceptValue, Triage } from "./triage.js";

type Json = Record<string, unknown>;
const KNOWN = new Set(checkMetas().map((m) => m.id));

function ns(name: string, meta: Json = {}): Json {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, uid: `uid-ns-${name}`, ...meta } };
}
const privileged = {
  containers: [{ name: "proxy", image: "registry.k8s.io/kube-proxy:v1.31.0", securityContext: { privileged: true } }],
};
function daemonSet(name: string, namespace: string, meta: Json = {}, templateLabels: Json = {}): Json {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name, namespace, uid: `uid-ds-${namespace}-${name}`, ...meta },
    spec: {
      template: { metadata: { labels: { app: name, ...templateLabels } }, spec: { hostNetwork: true, ...privileged } },
    },
  };
}
/** A Deployment → ReplicaSet → Pod chain whose pod runs privileged (the pod is analysed on its own). */
function ownedPod(depMeta: Json = {}): Json[] {
  return [
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "shop", uid: "uid-dep", ...depMeta },
      spec: {
        template: {
          metadata: { labels: { app: "web" } },
          spec: { containers: [{ name: "app", image: "busybox:1.36" }] },
        },
      },
    },
    {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: "web-1",
        namespace: "shop",
        uid: "uid-rs",
        ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "uid-dep", controller: true }],
      },
      spec: {
        template: {
          metadata: { labels: { app: "web" } },
          spec: { containers: [{ name: "app", image: "busybox:1.36" }] },
        },
      },
    },
    {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "web-1-x",
        namespace: "shop",
        uid: "uid-pod",
        ownerReferences: [
          { apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-1", uid: "uid-rs", controller: true },
        ],
      },
      spec: { containers: [{ name: "app", image: "busybox:1.36", securityContext: { privileged: true } }] },
    },
  ];
}

function setup(raws: Json[], config = "", now = "2026-06-01T12:00:00Z") {
  const store = new Store();
  const triage = new Triage(store, () => new Date(now));
  store.apply(raws.map((r) => ({ type: "added" as const, object: project(r)! })));
  const analyzer = new Analyzer(store, createEngines());
  const lc = new LineCounter();
  const parsed = parseExceptions(parseDocument(config, { lineCounter: lc }), lc, "team.yaml", KNOWN);
  triage.setExceptions(parsed.exceptions);
  const findings = () => analyzer.run().findings;
  const find = (check: string, name: string, namespace?: string): Finding => {
    const f = findings().find(
      (x) => x.check === check && x.resource.name === name && (!namespace || x.resource.namespace === namespace),
    );
    if (!f)
      throw new Error(
        `no ${check} on ${name}: ${findings()
          .map((x) => `${x.check} ${x.resource.name}`)
          .join(", ")}`,
      );
    return f;
  };
  return { store, triage, find, parsed };
}

describe("triage: config exceptions", () => {
  it("matches check globs, namespace and name globs, kind and container; says file:line", () => {
    const config = `# team
exceptions:
  - check: pod.host-*
    namespace: kube-*
    kind: DaemonSet
    name: kube-pro?y
    reason: CNI data plane
  - check: pod.privileged
    namespace: kube-system
    container: proxy
    reason: reviewed 2026-05
    by: platform
`;
    const { triage, find } = setup(
      [ns("kube-system"), daemonSet("kube-proxy", "kube-system"), ns("apps"), daemonSet("kube-proxy", "apps")],
      config,
    );
    const hostNs = triage.verdict(find("pod.host-namespaces", "kube-proxy", "kube-system"));
    expect(triage.accepts(find("pod.host-namespaces", "kube-proxy", "apps"))).toBe(false);
    expect(hostNs.accepted).toEqual({ reason: "CNI data plane", source: "config:team.yaml:3" });
    const priv = triage.verdict(find("pod.privileged", "kube-proxy", "kube-system"));
    expect(priv.accepted).toMatchObject({ reason: "reviewed 2026-05", by: "platform", source: "config:team.yaml:8" });
  });

  it("does not match another namespace, kind, name or container", () => {
    const config = `exceptions:
  - {check: pod.privileged, namespace: kube-system, reason: r}
  - {check: pod.privileged, kind: Deployment, reason: r}
  - {check: pod.privileged, name: other, reason: r}
  - {check: pod.privileged, container: sidecar, reason: r}
  - {check: "rbac.*", reason: r}
`;
    const { triage, find } = setup([ns("apps"), daemonSet("kube-proxy", "apps")], config);
    expect(triage.verdict(find("pod.privileged", "kube-proxy"))).toEqual({});
  });

  it("kind and name match the owning controller of a pod", () => {
    const config = "exceptions:\n  - {check: pod.privileged, kind: Deployment, name: web, reason: owned}\n";
    const { triage, find } = setup([ns("shop"), ...ownedPod()], config);
    expect(triage.verdict(find("pod.privileged", "web-1-x")).accepted?.reason).toBe("owned");
  });

  it("an exception whose date has passed no longer accepts, and the verdict says it expired", () => {
    const config = `exceptions:
  - {check: pod.privileged, reason: until May, expires: 2026-05-31}
  - {check: pod.host-namespaces, reason: through today, expires: 2026-06-01}
`;
    const { triage, find } = setup([ns("kube-system"), daemonSet("kube-proxy", "kube-system")], config);
    const priv = triage.verdict(find("pod.privileged", "kube-proxy"));
    expect(priv.accepted).toBeUndefined();
    expect(priv.expired).toMatchObject({ reason: "until May", expires: "2026-05-31" });
    expect(triage.verdict(find("pod.host-namespaces", "kube-proxy")).accepted?.expires).toBe("2026-06-01");
  });

  it("the day rolling over expires an exception (tick)", () => {
    let now = "2026-06-01T23:59:00Z";
    const store = new Store();
    const triage = new Triage(store, () => new Date(now));
    store.apply([ns("a"), daemonSet("d", "a")].map((r) => ({ type: "added" as const, object: project(r)! })));
    const lc = new LineCounter();
    triage.setExceptions(
      parseExceptions(
        parseDocument("exceptions: [{check: pod.privileged, reason: r, expires: 2026-06-01}]", { lineCounter: lc }),
        lc,
        "c",
        KNOWN,
      ).exceptions,
    );
    const f = new Analyzer(store, createEngines()).run().findings.find((x) => x.check === "pod.privileged")!;
    expect(triage.accepts(f)).toBe(true);
    now = "2026-06-02T00:00:01Z";
    triage.tick();
    expect(triage.accepts(f)).toBe(false);
  });
});

describe("triage: annotations on the object, its owners and its namespace", () => {
  it("accept.kubeward.io/<check> on the owning Deployment accepts its pod's finding", () => {
    const { triage, find } = setup([
      ns("shop"),
      ...ownedPod({
        annotations: { "accept.kubeward.io/pod.privileged": "debug image; expires=2099-01-01; by=alice" },
      }),
    ]);
    expect(triage.verdict(find("pod.privileged", "web-1-x")).accepted).toEqual({
      reason: "debug image",
      expires: "2099-01-01",
      by: "alice",
      source: "annotation:Deployment shop/web accept.kubeward.io/pod.privileged",
    });
  });

  it("on the namespace, for every object in it; an expired one says so", () => {
    const { triage, find } = setup([
      ns("kube-system", { annotations: { "accept.kubeward.io/pod.privileged": "system namespace" } }),
      daemonSet("kube-proxy", "kube-system"),
      ns("old", { annotations: { "accept.kubeward.io/pod.privileged": "legacy; expires=2020-01-01" } }),
      daemonSet("agent", "old"),
    ]);
    expect(triage.verdict(find("pod.privileged", "kube-proxy")).accepted?.source).toBe(
      "annotation:Namespace kube-system accept.kubeward.io/pod.privileged",
    );
    const old = triage.verdict(find("pod.privileged", "agent"));
    expect(old.accepted).toBeUndefined();
    expect(old.expired?.expires).toBe("2020-01-01");
  });

  it("takes effect as the annotation changes: removed → the finding is back", () => {
    const annotated = ns("shop", { annotations: { "accept.kubeward.io/pod.privileged": "ok" } });
    const { store, triage, find } = setup([annotated, ...ownedPod()]);
    const f = find("pod.privileged", "web-1-x");
    expect(triage.accepts(f)).toBe(true);
    const epoch = triage.epoch;
    store.apply([{ type: "modified", object: project(ns("shop"))! }]);
    expect(triage.epoch).toBeGreaterThan(epoch);
    expect(triage.accepts(f)).toBe(false);
  });

  it("parses the value: reason, expiry, by; a bad date never accepts", () => {
    expect(parseAcceptValue("a; b ; expires=2030-01-02", "s")).toEqual({
      reason: "a; b",
      expires: "2030-01-02",
      source: "s",
    });
    expect(parseAcceptValue("x; expires=2030-02-30", "s")).toBeUndefined();
    expect(parseAcceptValue("", "s")?.reason).toMatch(/no reason/);
  });
});

describe("triage: kubeaudit and Polaris overrides", () => {
  it("kubeaudit container label (reason = value) and pod label, old and new prefixes", () => {
    const { triage, find } = setup([
      ns("a"),
      daemonSet("ds1", "a", { labels: { "container.audit.kubernetes.io/proxy.allow-privileged": "needs-iptables" } }),
      daemonSet("ds2", "a", {}, { "audit.kubernetes.io/pod.allow-namespace-host-network": "true" }),
      daemonSet("ds3", "a", { labels: { "kubeaudit.io/allow-privileged": "" } }),
      daemonSet("ds4", "a", { labels: { "container.audit.kubernetes.io/other.allow-privileged": "x" } }),
    ]);
    expect(triage.verdict(find("pod.privileged", "ds1")).accepted).toEqual({
      reason: "needs-iptables",
      source: "kubeaudit:DaemonSet a/ds1 container.audit.kubernetes.io/proxy.allow-privileged",
    });
    expect(triage.verdict(find("pod.host-namespaces", "ds2")).accepted?.reason).toBe(
      "kubeaudit override audit.kubernetes.io/pod.allow-namespace-host-network",
    );
    expect(triage.accepts(find("pod.privileged", "ds2"))).toBe(false);
    expect(triage.accepts(find("pod.privileged", "ds3"))).toBe(true);
    expect(triage.accepts(find("pod.privileged", "ds4"))).toBe(false); // another container
  });

  it("kubeaudit namespace label accepts the namespace's own findings", () => {
    const { triage, find } = setup([
      ns("legacy", {
        labels: { "audit.kubernetes.io/namespace.allow-non-default-deny-ingress-network-policy": "flat-network" },
      }),
      daemonSet("d", "legacy"),
      ns("other"),
      daemonSet("d2", "other"),
    ]);
    expect(triage.verdict(find("net.namespace-unsegmented", "legacy")).accepted?.reason).toBe("flat-network");
    expect(triage.accepts(find("net.namespace-unsegmented", "other"))).toBe(false);
  });

  it("Polaris: exempt=true covers the mapped checks; <check>-exempt one check; other values do not", () => {
    const { triage, find } = setup([
      ns("a"),
      daemonSet("all", "a", { annotations: { "polaris.fairwinds.com/exempt": "TRUE" } }),
      daemonSet("one", "a", { annotations: { "polaris.fairwinds.com/runAsPrivileged-exempt": "true" } }),
      daemonSet("no", "a", { annotations: { "polaris.fairwinds.com/exempt": "false" } }),
    ]);
    expect(triage.verdict(find("pod.privileged", "all")).accepted?.source).toBe(
      "polaris:DaemonSet a/all polaris.fairwinds.com/exempt",
    );
    expect(triage.accepts(find("pod.host-namespaces", "all"))).toBe(true);
    expect(triage.accepts(find("pod.privileged", "one"))).toBe(true);
    expect(triage.accepts(find("pod.host-namespaces", "one"))).toBe(false);
    expect(triage.accepts(find("pod.privileged", "no"))).toBe(false);
  });
});

// Table-driven pass/fail cases for every risky check, through the whole engine.
import { describe, expect, it } from "vitest";
import { groupS, mkBinding, mkRole, rule, saS, userS } from "../../../../test/support/rbac.js";
import { analyze } from "../../../../test/support/store.js";

type Json = Record<string, unknown>;

/** A ClusterRole with `rules` bound to SA t/app, cluster-wide (or in namespace t). */
function bound(rules: Json[], scope: "cluster" | "ns" = "cluster", subject: Json = saS("t", "app")): Json[] {
  return [
    mkRole(undefined, "r", rules),
    mkBinding(scope === "cluster" ? undefined : "t", "b", { kind: "ClusterRole", name: "r" }, [subject]),
  ];
}

function checksOf(raws: Json[]): Record<string, string> {
  const { result } = analyze(raws);
  return Object.fromEntries(result.findings.filter((f) => f.panel === "rbac").map((f) => [f.check, f.severity]));
}

const cases: [string, Json[], string, string | undefined][] = [
  ["cluster-admin: * * * cluster-wide", bound([rule(["*"], ["*"], ["*"])]), "rbac.cluster-admin", "critical"],
  ["cluster-admin: * * * in a namespace", bound([rule(["*"], ["*"], ["*"])], "ns"), "rbac.cluster-admin", "high"],
  [
    "cluster-admin: implies, does not repeat, secrets-read",
    bound([rule(["*"], ["*"], ["*"])]),
    "rbac.secrets-read",
    undefined,
  ],
  ["wildcard verbs", bound([rule(["*"], ["configmaps"])]), "rbac.wildcard", "high"],
  ["wildcard resources in a namespace", bound([rule(["get"], ["*"])], "ns"), "rbac.wildcard", "medium"],
  ["wildcard groups", bound([rule(["get"], ["widgets"], ["*"])]), "rbac.wildcard", "high"],
  ["no wildcard", bound([rule(["get"], ["configmaps"])]), "rbac.wildcard", undefined],
  [
    "wildcard non-resource URL is not counted",
    bound([{ verbs: ["*"], nonResourceURLs: ["*"] }]),
    "rbac.wildcard",
    undefined,
  ],
  ["secrets list cluster-wide", bound([rule(["list"], ["secrets"])]), "rbac.secrets-read", "high"],
  ["secrets watch in a namespace", bound([rule(["watch"], ["secrets"])], "ns"), "rbac.secrets-read", "medium"],
  ["secrets get via wildcard verbs", bound([rule(["*"], ["secrets"])]), "rbac.secrets-read", "high"],
  [
    "secrets get limited by resourceNames",
    bound([rule(["get"], ["secrets"], [""], { resourceNames: ["one"] })]),
    "rbac.secrets-read",
    undefined,
  ],
  ["secrets create only", bound([rule(["create"], ["secrets"])]), "rbac.secrets-read", undefined],
  ["create pods", bound([rule(["create"], ["pods"])]), "rbac.workload-create", "high"],
  [
    "create cronjobs in a namespace",
    bound([rule(["create"], ["cronjobs"], ["batch"])], "ns"),
    "rbac.workload-create",
    "medium",
  ],
  ["patch daemonsets", bound([rule(["patch"], ["daemonsets"], ["apps"])]), "rbac.workload-create", "high"],
  [
    "deployments in the wrong group",
    bound([rule(["create"], ["deployments"], [""])]),
    "rbac.workload-create",
    undefined,
  ],
  ["get pods", bound([rule(["get", "list"], ["pods"])]), "rbac.workload-create", undefined],
  ["pods/exec create", bound([rule(["create"], ["pods/exec"])]), "rbac.pod-exec", "high"],
  ["pods/* create", bound([rule(["create"], ["pods/*"])], "ns"), "rbac.pod-exec", "medium"],
  ["pods/ephemeralcontainers patch", bound([rule(["patch"], ["pods/ephemeralcontainers"])]), "rbac.pod-exec", "high"],
  ["pods/log get is not exec", bound([rule(["get"], ["pods/log"])]), "rbac.pod-exec", undefined],
  [
    "escalate clusterroles",
    bound([rule(["escalate"], ["clusterroles"], ["rbac.authorization.k8s.io"])]),
    "rbac.escalate-bind",
    "critical",
  ],
  [
    "bind limited by resourceNames still binds",
    bound([rule(["bind"], ["clusterroles"], ["rbac.authorization.k8s.io"], { resourceNames: ["cluster-admin"] })]),
    "rbac.escalate-bind",
    "critical",
  ],
  [
    "bind in a namespace",
    bound([rule(["bind"], ["roles"], ["rbac.authorization.k8s.io"])], "ns"),
    "rbac.escalate-bind",
    "high",
  ],
  [
    "create rolebindings only",
    bound([rule(["create"], ["rolebindings"], ["rbac.authorization.k8s.io"])]),
    "rbac.escalate-bind",
    undefined,
  ],
  ["impersonate groups", bound([rule(["impersonate"], ["groups"])]), "rbac.impersonate", "critical"],
  [
    "impersonate userextras",
    bound([rule(["impersonate"], ["userextras/scopes"], ["authentication.k8s.io"])]),
    "rbac.impersonate",
    "critical",
  ],
  ["nodes/proxy get", bound([rule(["get"], ["nodes/proxy"])]), "rbac.nodes-proxy", "critical"],
  [
    "nodes/proxy via RoleBinding grants nothing",
    bound([rule(["get"], ["nodes/proxy"])], "ns"),
    "rbac.nodes-proxy",
    undefined,
  ],
  ["nodes get", bound([rule(["get"], ["nodes"])]), "rbac.nodes-proxy", undefined],
  [
    "serviceaccounts/token create",
    bound([rule(["create"], ["serviceaccounts/token"])]),
    "rbac.sa-token-create",
    "high",
  ],
  ["serviceaccounts create", bound([rule(["create"], ["serviceaccounts"])]), "rbac.sa-token-create", undefined],
  [
    "CSR approval + signer approve",
    bound([
      rule(["update"], ["certificatesigningrequests/approval"], ["certificates.k8s.io"]),
      rule(["approve"], ["signers"], ["certificates.k8s.io"]),
    ]),
    "rbac.csr-approve",
    "critical",
  ],
  [
    "CSR approval without signer approve",
    bound([rule(["update"], ["certificatesigningrequests/approval"], ["certificates.k8s.io"])]),
    "rbac.csr-approve",
    undefined,
  ],
  [
    "webhook configuration patch",
    bound([rule(["patch"], ["validatingwebhookconfigurations"], ["admissionregistration.k8s.io"])]),
    "rbac.webhook-config",
    "critical",
  ],
  [
    "webhook configuration list",
    bound([rule(["list"], ["mutatingwebhookconfigurations"], ["admissionregistration.k8s.io"])]),
    "rbac.webhook-config",
    undefined,
  ],
  ["persistentvolumes create", bound([rule(["create"], ["persistentvolumes"])]), "rbac.pv-create", "high"],
  ["persistentvolumeclaims create", bound([rule(["create"], ["persistentvolumeclaims"])]), "rbac.pv-create", undefined],
  ["namespaces patch cluster-wide", bound([rule(["patch"], ["namespaces"])]), "rbac.namespace-patch", "high"],
  [
    "namespaces update via RoleBinding",
    bound([rule(["update"], ["namespaces"])], "ns"),
    "rbac.namespace-patch",
    "medium",
  ],
  ["namespaces get", bound([rule(["get"], ["namespaces"])]), "rbac.namespace-patch", undefined],
  [
    "system:anonymous granted reading pods: high (no credentials needed)",
    bound([rule(["get"], ["pods"])], "cluster", userS("system:anonymous")),
    "rbac.anonymous-binding",
    "high",
  ],
  [
    "system:unauthenticated granted reading pods in a namespace",
    bound([rule(["get"], ["pods"])], "ns", groupS("system:unauthenticated")),
    "rbac.anonymous-binding",
    "high",
  ],
  [
    "system:authenticated granted reading ConfigMaps cluster-wide: medium",
    bound([rule(["get", "list", "watch"], ["configmaps"])], "cluster", groupS("system:authenticated")),
    "rbac.anonymous-binding",
    "medium",
  ],
  [
    "system:authenticated granted writing ConfigMaps in a namespace: high",
    bound([rule(["update", "patch"], ["configmaps"])], "ns", groupS("system:authenticated")),
    "rbac.anonymous-binding",
    "high",
  ],
  [
    "system:authenticated granted creating pods: critical (a risky permission of the catalogue)",
    bound([rule(["create"], ["pods"])], "ns", groupS("system:authenticated")),
    "rbac.anonymous-binding",
    "critical",
  ],
  [
    "system:authenticated granted secrets",
    bound([rule(["list"], ["secrets"])], "cluster", groupS("system:authenticated")),
    "rbac.anonymous-binding",
    "critical",
  ],
  [
    "system:authenticated granted discovery only",
    bound([{ verbs: ["get"], nonResourceURLs: ["/healthz", "/version"] }], "cluster", groupS("system:authenticated")),
    "rbac.anonymous-binding",
    undefined,
  ],
  [
    "system:authenticated granted self-reviews only",
    bound(
      [rule(["create"], ["selfsubjectaccessreviews"], ["authorization.k8s.io"])],
      "cluster",
      groupS("system:authenticated"),
    ),
    "rbac.anonymous-binding",
    undefined,
  ],
  [
    "a named group is not everyone",
    bound([rule(["get"], ["pods"])], "cluster", groupS("devs")),
    "rbac.anonymous-binding",
    undefined,
  ],
  ["default SA bound", bound([rule(["get"], ["pods"])], "ns", saS("t", "default")), "rbac.default-sa-bound", "medium"],
  ["another SA bound", bound([rule(["get"], ["pods"])], "ns", saS("t", "app")), "rbac.default-sa-bound", undefined],
];

describe("risky catalogue", () => {
  it.each(cases)("%s", (_name, raws, check, severity) => {
    expect(checksOf(raws)[check]).toBe(severity);
  });
});

describe("ranking and built-in subjects", () => {
  const secrets = [rule(["list"], ["secrets"])];
  const running = (sa: string, extra: Json = {}) => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: `${sa}-pod`, namespace: "t", uid: `pod-${sa}` },
    spec: { serviceAccountName: sa, containers: [{ name: "c", image: "x:1" }], ...extra },
    status: { phase: "Running" },
  });

  it("a service account whose token is in running pods ranks one step higher and links them", () => {
    const { result } = analyze([...bound(secrets), running("app")]);
    const f = result.findings.find((x) => x.check === "rbac.secrets-read")!;
    expect(f.severity).toBe("critical");
    expect(f.message).toMatch(/running workload/);
    expect(f.related).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "Pod", name: "app-pod" })]));
  });

  it("pods that do not mount the token, or finished pods, do not raise it", () => {
    const noToken = analyze([...bound(secrets), running("app", { automountServiceAccountToken: false })]);
    expect(noToken.result.findings.find((x) => x.check === "rbac.secrets-read")!.severity).toBe("high");
    const done = { ...running("app"), status: { phase: "Succeeded" } };
    expect(
      analyze([...bound(secrets), done]).result.findings.find((x) => x.check === "rbac.secrets-read")!.severity,
    ).toBe("high");
  });

  it("names binding, role and rule in the message and related", () => {
    const { result } = analyze(bound(secrets));
    const f = result.findings.find((x) => x.check === "rbac.secrets-read")!;
    expect(f.resource).toEqual({ apiVersion: "v1", kind: "ServiceAccount", namespace: "t", name: "app" });
    expect(f.message).toContain("ClusterRoleBinding b → ClusterRole r: list secrets");
    expect(f.related?.map((r) => `${r.kind}/${r.name}`)).toEqual(["ClusterRoleBinding/b", "ClusterRole/r"]);
    expect(result.subjects).toEqual([
      { kind: "ServiceAccount", namespace: "t", name: "app", checks: ["rbac.secrets-read"] },
    ]);
  });

  it("one finding per (subject, check) however many rules and bindings grant it", () => {
    const { result } = analyze([
      mkRole(undefined, "r", [rule(["list"], ["secrets"]), rule(["get"], ["secrets"])]),
      mkBinding(undefined, "b1", { kind: "ClusterRole", name: "r" }, [saS("t", "app")]),
      mkBinding("t", "b2", { kind: "ClusterRole", name: "r" }, [saS("t", "app")]),
    ]);
    const fs = result.findings.filter((x) => x.check === "rbac.secrets-read");
    expect(fs).toHaveLength(1);
    expect(fs[0]!.message).toMatch(/ClusterRoleBinding b1 .*\(\+1 more path/);
  });

  it("skips system: components, keeps kube-system service accounts at info", () => {
    expect(checksOf(bound(secrets, "cluster", groupS("system:masters")))).toEqual({});
    expect(checksOf(bound(secrets, "cluster", userS("system:kube-controller-manager")))).toEqual({});
    expect(checksOf(bound(secrets, "cluster", groupS("system:serviceaccounts")))["rbac.secrets-read"]).toBe("high");
    expect(checksOf(bound(secrets, "cluster", saS("kube-system", "ctrl")))["rbac.secrets-read"]).toBe("info");
    // ...and no fix is offered to take a controller's grants away.
    const sys = analyze(bound(secrets, "cluster", saS("kube-system", "ctrl"))).result.findings;
    expect(sys.find((f) => f.check === "rbac.secrets-read")?.fix).toBeUndefined();
  });

  it("riskyChecksOf includes what the subject's groups hold and what cluster-admin implies", () => {
    const { result } = analyze([
      ...bound(secrets, "cluster", groupS("system:authenticated")),
      mkRole(undefined, "all", [rule(["*"], ["*"], ["*"])]),
      mkBinding(undefined, "root", { kind: "ClusterRole", name: "all" }, [userS("root")]),
    ]);
    const m = result.models.get("rbac") as import("../../models.js").RbacModel;
    expect(m.riskyChecksOf({ kind: "ServiceAccount", namespace: "x", name: "y" })).toEqual(["rbac.secrets-read"]);
    expect(m.riskyChecksOf({ kind: "User", name: "root" })).toEqual(
      expect.arrayContaining(["rbac.cluster-admin", "rbac.secrets-read", "rbac.escalate-bind", "rbac.nodes-proxy"]),
    );
    expect(m.riskyChecksOf({ kind: "User", name: "nobody-special" })).toEqual(["rbac.secrets-read"]);
  });
});

import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { analyze } from "../../test/support/store.js";
import { checkCatalog } from "../analysis/registry.js";
import { ContainError, type ContainmentBundle, planContainment, QUARANTINE_LABEL } from "./contain.js";
import { bundleFiles, renderRunbook } from "./contain-render.js";

type Json = Record<string, unknown>;
const NOW = new Date("2026-11-30T03:00:00Z");

const container = (extra: Json = {}) => ({ name: "app", image: "registry.example.com/app:1.0", ...extra });

function podRaw(name: string, spec: Json, meta: Json = {}): Json {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "shop", uid: `uid-${name}`, labels: { app: "web" }, ...meta },
    spec: { nodeName: "node-a", containers: [container()], ...spec },
  };
}

function plan(raws: Json[], ns: string, name: string): ContainmentBundle {
  const { store, result } = analyze(raws);
  const pod = store.getByName("Pod", ns, name);
  if (!pod) throw new Error(`fixture lacks pod ${ns}/${name}`);
  return planContainment({
    store,
    findings: result.findings,
    models: result.models,
    catalog: checkCatalog(),
    pod,
    now: NOW,
  });
}

const allCommands = (b: ContainmentBundle) => b.steps.flatMap((s) => s.commands);
const file = (b: ContainmentBundle, path: string) => b.files.find((f) => f.path === path)?.content;

const neighbour = podRaw("neighbour", {}, { labels: { app: "other" } });
const editBinding = {
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "RoleBinding",
  metadata: { name: "web-edit", namespace: "shop", uid: "uid-rb" },
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "web-role" },
  subjects: [{ kind: "ServiceAccount", name: "web", namespace: "shop" }],
};
const webRole = {
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "ClusterRole",
  metadata: { name: "web-role", uid: "uid-cr" },
  rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] }],
};
const legacyToken = {
  apiVersion: "v1",
  kind: "Secret",
  type: "kubernetes.io/service-account-token",
  metadata: {
    name: "web-token-abcde",
    namespace: "shop",
    uid: "uid-tok",
    annotations: { "kubernetes.io/service-account.name": "web" },
  },
};

describe("containment of a bare pod", () => {
  const b = plan(
    [
      podRaw("miner", {
        serviceAccountName: "web",
        volumes: [{ name: "creds", secret: { secretName: "db-password" } }],
        containers: [container({ name: "xmrig", securityContext: { privileged: true } })],
        initContainers: [container({ name: "setup" })],
      }),
      neighbour,
      editBinding,
      webRole,
      legacyToken,
      { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "web", namespace: "shop", uid: "uid-sa" } },
    ],
    "shop",
    "miner",
  );

  it("orders the six steps, evidence first and deleting last", () => {
    expect(b.steps.map((s) => s.title)).toEqual([
      "Save the evidence",
      "Quarantine the pod's network",
      "Detach the pod from its controller",
      "Cordon the node",
      "Revoke its credentials",
      "Eradicate: delete the pod, then fix what let it in",
    ]);
    for (const s of b.steps) for (const text of [s.why, s.breaks, s.undo]) expect(text.length).toBeGreaterThan(5);
    expect(b.steps[5]!.commands[0]).toBe("kubectl delete pod miner -n shop --wait=false");
  });

  it("collects the logs of every container, current and previous, the events and the node", () => {
    const ev = b.steps[0]!.commands;
    for (const c of ["xmrig", "setup"]) {
      expect(ev).toContain(`kubectl logs miner -n shop -c ${c} --timestamps > evidence/logs-${c}.txt`);
      expect(ev).toContain(
        `kubectl logs miner -n shop -c ${c} --timestamps --previous > evidence/logs-${c}-previous.txt`,
      );
    }
    expect(ev).toContain("kubectl get pod miner -n shop -o yaml > evidence/pod.yaml");
    expect(ev).toContain("kubectl describe pod miner -n shop > evidence/describe.txt");
    expect(ev.some((c) => c.includes("involvedObject.name=miner"))).toBe(true);
    expect(ev).toContain("kubectl get node node-a -o yaml > evidence/node.yaml");
  });

  it("saves kubeward's own report of the pod's findings now", () => {
    const report = JSON.parse(file(b, "evidence/kubeward-report.json")!);
    expect(report.writtenAt).toBe(NOW.toISOString());
    expect(report.node).toBe("node-a");
    expect(report.findings.some((f: Json) => f.check === "pod.privileged")).toBe(true);
    expect(report.ownerChain).toEqual([]);
  });

  it("quarantines with a deny-all policy for both directions and the label that activates it", () => {
    const docs = parseAllDocuments(file(b, "quarantine-networkpolicy.yaml")!).map((d) => d.toJS());
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({
      kind: "NetworkPolicy",
      metadata: { namespace: "shop" },
      spec: {
        podSelector: { matchLabels: { [QUARANTINE_LABEL]: b.quarantineId } },
        policyTypes: ["Ingress", "Egress"],
      },
    });
    expect(docs[0].spec.ingress).toBeUndefined();
    expect(docs[0].spec.egress).toBeUndefined();
    expect(b.steps[1]!.commands).toEqual([
      "kubectl apply -f quarantine-networkpolicy.yaml",
      `kubectl label pod miner -n shop ${QUARANTINE_LABEL}=${b.quarantineId}`,
    ]);
  });

  it("has nothing to detach and says nothing will replace it", () => {
    expect(b.steps[2]!.commands).toEqual([]);
    expect(b.steps[2]!.why).toMatch(/no controller/);
  });

  it("cordons the node of a privileged pod and lists the other pods there", () => {
    expect(b.steps[3]!.commands[0]).toBe("kubectl cordon node-a");
    expect(b.steps[3]!.notes.join(" ")).toContain("shop/neighbour");
    expect(b.steps[3]!.undo).toBe("kubectl uncordon node-a");
  });

  it("revokes credentials: what the token can reach, legacy tokens, the narrowed role, mounted secrets by name", () => {
    const s = b.steps[4]!;
    const notes = s.notes.join("\n");
    expect(notes).toMatch(/Service account web can: .*secrets/);
    expect(notes).toContain("web-edit");
    expect(notes).toContain("db-password");
    expect(notes).toMatch(/bound to this pod/);
    expect(s.commands).toContain("kubectl delete secret web-token-abcde -n shop");
    // The planner's narrowed role for the account, as a file the apply line names.
    const role = s.commands.find((c) => c.startsWith("kubectl apply -f credentials/"));
    expect(role).toBeDefined();
    expect(b.files.some((f) => f.path === role!.slice("kubectl apply -f ".length))).toBe(true);
  });

  it("fixes the pod through the planner: a hardened manifest to recreate a bare pod, offered, not scripted", () => {
    const s = b.steps[5]!;
    expect(s.commands.some((l) => l.includes("fixes/pod_shop_miner"))).toBe(false);
    expect(s.notes.join(" ")).toContain("Only if the workload is legitimate");
    expect(s.notes.join(" ")).toContain("kubectl apply -f fixes/pod_shop_miner.manifest.yaml");
    expect(file(b, "fixes/pod_shop_miner.manifest.yaml")).toContain("privileged: false");
  });

  it("renders a runbook with the commands under each step and a script per step", () => {
    const md = renderRunbook(b, "/tmp/incident 42");
    expect(md).toContain("cd '/tmp/incident 42'");
    expect(md.indexOf("## 1. Save the evidence")).toBeLessThan(md.indexOf("## 6. Eradicate"));
    expect(md).toMatch(
      /## 2\. Quarantine[\s\S]*\*\*Why:\*\*[\s\S]*\*\*Breaks:\*\*[\s\S]*\*\*Undo:\*\*[\s\S]*```sh\nkubectl apply/,
    );
    const paths = bundleFiles(b).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["RUNBOOK.md", "1-evidence.sh", "6-eradicate.sh"]));
  });
});

describe("containment of a hostNetwork pod", () => {
  const b = plan([podRaw("agent", { hostNetwork: true }), neighbour], "shop", "agent");

  it("says NetworkPolicy does not cover it and isolates at the node instead", () => {
    const q = b.steps[1]!;
    expect(q.why).toMatch(/NetworkPolicy does not apply to host-network pods/);
    expect(q.why).toMatch(/cordon and drain/);
    expect(q.commands).not.toContain("kubectl apply -f quarantine-networkpolicy.yaml");
    expect(file(b, "quarantine-networkpolicy.yaml")).toBeUndefined();
    expect(b.summary.join("\n")).toMatch(/NetworkPolicy does NOT isolate it/);
  });

  it("cordons and drains the node, leaving the quarantined pod in place", () => {
    const n = b.steps[3]!.commands;
    expect(n[0]).toBe("kubectl cordon node-a");
    expect(n[1]).toBe(
      `kubectl drain node-a --ignore-daemonsets --delete-emptydir-data --pod-selector '${QUARANTINE_LABEL}!=${b.quarantineId}'`,
    );
  });
});

function statefulSetRaws(): Json[] {
  const labels = { app: "db" };
  return [
    {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "db", namespace: "shop", uid: "uid-ss" },
      spec: {
        selector: { matchLabels: labels },
        serviceName: "db",
        template: { metadata: { labels }, spec: { containers: [container()] } },
        volumeClaimTemplates: [{ metadata: { name: "data" } }],
      },
    },
    podRaw(
      "db-0",
      {},
      {
        labels: { ...labels, "statefulset.kubernetes.io/pod-name": "db-0" },
        ownerReferences: [{ apiVersion: "apps/v1", kind: "StatefulSet", name: "db", uid: "uid-ss", controller: true }],
      },
    ),
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "db", namespace: "shop", uid: "uid-svc" },
      spec: { selector: labels },
    },
  ];
}

describe("containment of a StatefulSet pod", () => {
  const b = plan(statefulSetRaws(), "shop", "db-0");

  it("detaches through the selector label and says the replacement reuses name and volume", () => {
    const d = b.steps[2]!;
    expect(d.commands).toEqual([`kubectl label pod db-0 -n shop --overwrite app=quarantined-${b.quarantineId}`]);
    expect(d.why).toMatch(/same name db-0/);
    expect(d.why).toMatch(/data-db-0/);
    expect(d.why).toMatch(/cannot start while the suspect pod exists/);
    expect(d.notes.join(" ")).toMatch(/leaves the endpoints of Service\(s\) db/);
    expect(d.undo).toContain("app=db");
  });

  it("saves the owner in the evidence and does not cordon a pod that cannot reach its node", () => {
    expect(b.steps[0]!.commands).toContain(
      "kubectl get statefulset/db -n shop -o yaml > evidence/owner-statefulset-db.yaml",
    );
    expect(b.steps[3]!.commands).toEqual([]);
    expect(b.steps[5]!.notes.join(" ")).toMatch(/same volume/);
  });
});

function deploymentRaws(): Json[] {
  const labels = { app: "web" };
  const rsLabels = { ...labels, "pod-template-hash": "abc12" };
  const spec = { containers: [container({ securityContext: { privileged: true } })] };
  return [
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "shop", uid: "uid-dep" },
      spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec } },
    },
    {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: "web-abc12",
        namespace: "shop",
        uid: "uid-rs",
        labels: rsLabels,
        ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "uid-dep", controller: true }],
      },
      spec: { selector: { matchLabels: rsLabels }, template: { metadata: { labels: rsLabels }, spec } },
    },
    podRaw("web-abc12-xyz", spec, {
      labels: rsLabels,
      ownerReferences: [
        { apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-abc12", uid: "uid-rs", controller: true },
      ],
    }),
  ];
}

describe("containment of a Deployment's pod", () => {
  const b = plan(deploymentRaws(), "shop", "web-abc12-xyz");

  it("detaches from the ReplicaSet by an app label, not pod-template-hash, and says the Deployment leaves it alone", () => {
    const d = b.steps[2]!;
    expect(d.commands).toEqual([
      `kubectl label pod web-abc12-xyz -n shop --overwrite app=quarantined-${b.quarantineId}`,
    ]);
    expect(d.why).toMatch(/ReplicaSet web-abc12 lets go/);
    expect(d.why).toMatch(/Deployment web manages ReplicaSets, never pods/);
  });

  it("patches the Deployment, not the pod", () => {
    const lines = b.steps[5]!.commands;
    expect(lines).toContain(
      "kubectl patch deployment/web -n shop --type strategic --patch-file fixes/deployment_shop_web.patch.yaml",
    );
    expect(file(b, "fixes/deployment_shop_web.patch.yaml")).toContain("privileged: false");
  });
});

describe("hostile names", () => {
  it("refuses a pod whose name Kubernetes would reject", () => {
    expect(() => plan([podRaw("web$(touch /tmp/x)", {})], "shop", "web$(touch /tmp/x)")).toThrow(ContainError);
  });

  it("leaves out commands for a container or node name Kubernetes would reject, and quotes the rest", () => {
    const b = plan(
      [podRaw("p", { nodeName: "n;id", containers: [container({ name: "a`id`" }), container({ name: "ok" })] })],
      "shop",
      "p",
    );
    const lines = allCommands(b);
    expect(lines.some((l) => l.includes("`id`") || l.includes("n;id"))).toBe(false);
    expect(lines.some((l) => l.includes("-c ok"))).toBe(true);
    expect(b.problems.join("\n")).toMatch(/node name "n;id"/);
    expect(b.problems.join("\n")).toMatch(/container name "a`id`"/);
    // Every line parses as one shell command list: no value breaks out of its word.
    for (const l of lines) execFileSync("sh", ["-n", "-c", l]);
  });
});

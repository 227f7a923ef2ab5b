import { DEFAULT_OPTIONS } from "../../src/analysis/engine.js";
// A session over a hand-filled source, with optional fake engine models, mounted in a sized fake terminal.
import type { AccessPath, IsolationInfo, NetworkModel, RbacModel } from "../../src/analysis/models.js";
import { ModelSet } from "../../src/analysis/models.js";
import { createEngines } from "../../src/analysis/registry.js";
import { Controller } from "../../src/app/controller.js";
import { project } from "../../src/cluster/project.js";
import type { Source, SourceEvent } from "../../src/cluster/source.js";
import { Session } from "../../src/commands/session.js";
import { App } from "../../views/App.js";
import { renderSized } from "../support/ink.js";

type Json = Record<string, unknown>;

/** A source filled by hand: the test pushes events through `emit`. */
export class HandSource implements Source {
  readonly info = { kind: "demo" as const, context: "test-ctx", cluster: "test-cluster", user: "tester" };
  readonly kinds: string[] = ["Pod"];
  emit: (events: SourceEvent[]) => void = () => {};
  async start(emit: (events: SourceEvent[]) => void) {
    this.emit = emit;
  }
  stop() {}
  problems() {
    return [];
  }
}

export const privilegedPod = (name: string, meta: Json = {}, spec: Json = {}): Json => ({
  kind: "Pod",
  apiVersion: "v1",
  metadata: { name, namespace: "ns1", uid: name, ...meta },
  // Clean in every other respect (PSS restricted but for privileged, pinned image, limits),
  // so pod.privileged is its only finding whichever engines run.
  spec: {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
    automountServiceAccountToken: false,
    containers: [
      {
        name: "c",
        image: `busybox:1.36@sha256:${"a".repeat(64)}`,
        securityContext: { privileged: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
        resources: { limits: { cpu: "1", memory: "1Gi" } },
      },
    ],
    ...spec,
  },
});

/** A Deployment → ReplicaSet → Pod chain whose containers are privileged and use a Secret. */
export function webChain(): Json[] {
  const podSpec = {
    serviceAccountName: "web",
    containers: [
      {
        name: "app",
        image: "nginx:1",
        securityContext: { privileged: true },
        env: [{ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db-creds", key: "password" } } }],
      },
      { name: "sidecar", image: "envoy:1", securityContext: { privileged: true } },
    ],
  };
  return [
    {
      kind: "Deployment",
      apiVersion: "apps/v1",
      metadata: { name: "web", namespace: "shop", uid: "dep-web" },
      spec: { replicas: 1, template: { metadata: { labels: { app: "web" } }, spec: podSpec } },
    },
    {
      kind: "ReplicaSet",
      apiVersion: "apps/v1",
      metadata: {
        name: "web-abc",
        namespace: "shop",
        uid: "rs-web",
        ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "dep-web", controller: true }],
      },
      spec: { template: { metadata: { labels: { app: "web" } }, spec: podSpec } },
    },
    {
      kind: "Pod",
      apiVersion: "v1",
      metadata: {
        name: "web-abc-1",
        namespace: "shop",
        uid: "pod-web-1",
        labels: { app: "web" },
        ownerReferences: [
          { apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-abc", uid: "rs-web", controller: true },
        ],
      },
      spec: podSpec,
    },
    { kind: "ServiceAccount", apiVersion: "v1", metadata: { name: "web", namespace: "shop", uid: "sa-web" } },
    {
      kind: "Secret",
      apiVersion: "v1",
      metadata: { name: "db-creds", namespace: "shop", uid: "sec-db" },
      type: "Opaque",
      data: { password: "c2VjcmV0LXZhbHVlLW5ldmVyLXNob3du" },
    },
  ];
}

const ref = (kind: string, namespace: string | undefined, name: string, apiVersion = "rbac.authorization.k8s.io/v1") =>
  namespace ? { apiVersion, kind, namespace, name } : { apiVersion, kind, name };

export const READER_PATH: AccessPath = {
  subject: { kind: "ServiceAccount", namespace: "shop", name: "reporter" },
  binding: ref("RoleBinding", "shop", "reporter-reads-secrets"),
  role: ref("Role", "shop", "secret-reader"),
  rule: "get,list secrets",
  scope: "shop",
};

export function fakeRbac(calls: unknown[] = []): RbacModel {
  return {
    whoCan: (q) => {
      calls.push(q);
      return q.resource === "secrets" ? [READER_PATH] : [];
    },
    riskyChecksOf: (s) => (s.name === "web" ? ["rbac.secrets-read", "rbac.pod-exec"] : []),
    can: () => false,
  };
}

export function fakeNetwork(): NetworkModel {
  const info: IsolationInfo = {
    ingress: true,
    egress: false,
    ingressPolicies: [ref("NetworkPolicy", "shop", "web-ingress", "networking.k8s.io/v1")],
    egressPolicies: [],
    allows: { ingress: ["from app=lb"], egress: [] },
  };
  return { isolationOf: () => info, segmentationOf: () => "partial" };
}

export const tick = (ms = 120) => new Promise((r) => setTimeout(r, ms));

export interface MountOptions {
  objects?: Json[];
  models?: Record<string, unknown>;
  size?: { columns: number; rows: number };
  patchDir?: string;
  /** Where `x` appends exceptions. */
  configPath?: string;
  session?: (s: Session) => void;
  /** Only these engines run (default: all), e.g. to see how views degrade without one. */
  engines?: string[];
}

export async function mount(opts: MountOptions = {}) {
  const source = new HandSource();
  const engines = createEngines().filter((e) => !opts.engines || opts.engines.includes(e.name));
  const session = new Session(source, DEFAULT_OPTIONS, engines);
  if (opts.models) {
    const analyze = session.analyze.bind(session);
    session.analyze = () => {
      const r = analyze();
      return { ...r, models: new ModelSet([...r.models, ...Object.entries(opts.models!)]) };
    };
  }
  opts.session?.(session);
  await session.start();
  const events: SourceEvent[] = [];
  for (const raw of opts.objects ?? [privilegedPod("alpha"), privilegedPod("beta")]) {
    const object = project(raw);
    if (object) events.push({ type: "added", object });
  }
  events.push({ type: "synced", kind: "Pod" }, { type: "status", kind: "Pod", state: "connected" });
  source.emit(events);
  const controller = new Controller(session, 10);
  const app = renderSized(
    <App
      controller={controller}
      patchDir={opts.patchDir ?? "/nonexistent-dir"}
      {...(opts.configPath ? { configPath: opts.configPath } : {})}
    />,
    opts.size ?? { columns: 100, rows: 30 },
  );
  await tick();
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      app.stdin.write(k);
      await tick(30);
    }
    await tick(60);
    return app.lastFrame();
  };
  return {
    app,
    source,
    session,
    controller,
    press,
    frame: () => app.lastFrame(),
    dispose: () => {
      app.unmount();
      controller.dispose();
    },
  };
}

/** Lines of the frame that hold a finding row (they start with the cursor/mark columns and a severity tag). */
export const findingRows = (frame: string) =>
  frame.split("\n").filter((l) => /^[> ][* ](CRIT|HIGH|MED |LOW |INFO)/.test(l));

// What the cluster-wide checks read: the control-plane pods, the Nodes, and what
// the API server said about itself (ServerInfo), gathered once per analysis pass.
import type { KObject, ResourceRef } from "../../cluster/objects.js";
import { refOf } from "../../cluster/objects.js";
import { SERVER_INFO_KIND, SERVER_INFO_NAME, type ServerInfo } from "../../cluster/server-info.js";
import type { Store } from "../../store/store.js";
import type { CheckDef } from "../engine.js";
import type { Finding } from "../finding.js";
import { type ControlPlanePod, controlPlanePods } from "./control-plane.js";
import { type MinorVersion, parseMinor } from "./eol-table.js";

export interface ServerVersionSeen {
  text: string;
  minor: MinorVersion;
  /** "api": GET /version; "image": the kube-apiserver mirror pod's image tag (files, or before /version answered). */
  from: "api" | "image";
  /** What a finding about the server version points at. */
  ref: ResourceRef;
}

export interface ClusterView {
  store: Store;
  server: ServerInfo | undefined;
  serverObject: KObject | undefined;
  controlPlane: ControlPlanePod[];
  nodes: KObject[];
  serverVersion: ServerVersionSeen | undefined;
  /** YYYY-MM-DD, for end-of-life dates. */
  today: string;
}

export interface ClusterCheck extends CheckDef {
  detect(view: ClusterView): Finding[];
}

function imageTag(pod: KObject): string | undefined {
  const containers: unknown[] = Array.isArray(pod.spec?.containers) ? pod.spec.containers : [];
  for (const c of containers) {
    const image = (c as { image?: unknown })?.image;
    if (typeof image !== "string") continue;
    const m = /kube-apiserver[^:@/]*:(v?\d+\.\d+[^@]*)/.exec(image);
    if (m) return m[1];
  }
  return undefined;
}

export function clusterView(store: Store, today: string): ClusterView {
  const serverObject = store.getByName(SERVER_INFO_KIND, undefined, SERVER_INFO_NAME);
  const server = serverObject as ServerInfo | undefined;
  const controlPlane = controlPlanePods(store);
  let serverVersion: ServerVersionSeen | undefined;
  const apiText = server?.version?.gitVersion;
  const apiMinor = parseMinor(apiText);
  if (apiText && apiMinor && serverObject)
    serverVersion = { text: apiText, minor: apiMinor, from: "api", ref: refOf(serverObject) };
  else {
    for (const cp of controlPlane) {
      if (cp.component !== "kube-apiserver") continue;
      const tag = imageTag(cp.pod);
      const minor = parseMinor(tag);
      if (tag && minor) {
        serverVersion = { text: tag, minor, from: "image", ref: refOf(cp.pod) };
        break;
      }
    }
  }
  return { store, server, serverObject, controlPlane, nodes: store.list("Node"), serverVersion, today };
}

export const kubeletVersion = (node: KObject): string | undefined => {
  const v = node.status?.nodeInfo?.kubeletVersion;
  return typeof v === "string" && v ? v : undefined;
};

// Loads the kubeconfig with client-node (imported lazily by the live source, and
// bundled at build time: see client-node.ts) and checks it names a real context and
// cluster, so kubeward never falls back to client-node's silent localhost:8080 default.
import { existsSync } from "node:fs";
import type { Cluster, Context, User } from "@kubernetes/client-node";
import type { KubeconfigLocation } from "../kubeconfig.js";
import { KubeConfig } from "./client-node.js";
import { HttpTransport } from "./http.js";

/** A kubeconfig problem the user must fix; the message is one line. */
export class KubeconfigError extends Error {}

export interface Connection {
  kc: KubeConfig;
  transport: HttpTransport;
  context: string;
  cluster: string;
  server: string;
  user?: string;
  /** The context's namespace, if it sets one. */
  namespace?: string;
  contexts: string[];
}

function loadFile(path: string): KubeConfig {
  if (!existsSync(path)) throw new KubeconfigError(`kubeconfig ${path} does not exist`);
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(path);
  } catch (err) {
    const reason = (err as Error)?.message?.split("\n")[0] ?? String(err);
    throw new KubeconfigError(`kubeconfig ${path} is malformed: ${reason}`);
  }
  return kc;
}

/** Merges files the way kubectl does: the first file to define a name wins. */
export function loadKubeConfig(location: KubeconfigLocation): KubeConfig {
  const clusters: Cluster[] = [];
  const users: User[] = [];
  const contexts: Context[] = [];
  let currentContext = "";
  for (const path of location.paths) {
    const kc = loadFile(path);
    const addNew = <T extends { name: string }>(into: T[], from: T[] | undefined) => {
      for (const x of from ?? []) if (!into.some((y) => y.name === x.name)) into.push(x);
    };
    addNew(clusters, kc.clusters);
    addNew(users, kc.users);
    addNew(contexts, kc.contexts);
    if (!currentContext && kc.currentContext) currentContext = kc.currentContext;
  }
  const merged = new KubeConfig();
  merged.loadFromOptions({ clusters, users, contexts, currentContext });
  return merged;
}

export function connect(location: KubeconfigLocation, contextName?: string): Connection {
  const kc = loadKubeConfig(location);
  const where = location.paths.join(", ");
  const names = kc.getContexts().map((c) => c.name);
  const available = names.length ? ` (contexts: ${names.slice(0, 8).join(", ")}${names.length > 8 ? ", …" : ""})` : "";
  const name = contextName ?? kc.getCurrentContext();
  if (!name) throw new KubeconfigError(`kubeconfig ${where} sets no current-context: pass --context${available}`);
  const ctx = kc.getContextObject(name);
  if (!ctx) throw new KubeconfigError(`context "${name}" is not in kubeconfig ${where}${available}`);
  kc.setCurrentContext(name);
  const cluster = kc.getCurrentCluster();
  if (!cluster)
    throw new KubeconfigError(
      `context "${name}" refers to cluster "${ctx.cluster}", which kubeconfig ${where} does not define`,
    );
  let server: URL;
  try {
    server = new URL(cluster.server);
    if (server.protocol !== "https:" && server.protocol !== "http:") throw new Error("not http(s)");
  } catch {
    throw new KubeconfigError(`cluster "${cluster.name}" has an invalid server URL: ${cluster.server || "(empty)"}`);
  }
  return {
    kc,
    transport: new HttpTransport(kc, cluster.server),
    context: name,
    cluster: server.host || cluster.name,
    server: cluster.server,
    ...(ctx.user ? { user: ctx.user } : {}),
    ...(ctx.namespace ? { namespace: ctx.namespace } : {}),
    contexts: names,
  };
}

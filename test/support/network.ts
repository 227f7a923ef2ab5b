// Raw objects for NetworkPolicy tests: namespaces, pods, policies.

import { type Policy, parsePolicy } from "../../src/analysis/network/policy.js";
import { project } from "../../src/cluster/project.js";

type Json = Record<string, unknown>;

export function nsRaw(name: string, labels: Record<string, string> = {}): Json {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name, uid: `ns-${name}`, labels: { "kubernetes.io/metadata.name": name, ...labels } },
  };
}

export function podRaw(namespace: string, name: string, labels: Record<string, string> = {}, ports: Json[] = []): Json {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace, uid: `pod-${namespace}-${name}`, labels },
    spec: { containers: [{ name: "app", image: "busybox:1.36", ports }] },
  };
}

export function deploymentRaw(namespace: string, name: string, labels: Record<string, string>): Json {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace, uid: `deploy-${namespace}-${name}`, labels },
    spec: {
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: "app", image: "busybox:1.36" }] } },
    },
  };
}

export function netpolRaw(namespace: string, name: string, spec: unknown): Json {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name, namespace, uid: `np-${namespace}-${name}` },
    spec,
  };
}

/** A parsed policy in namespace `namespace` (default "t"). */
export function policy(spec: unknown, namespace = "t", name = "np"): Policy {
  const obj = project(netpolRaw(namespace, name, spec));
  if (!obj) throw new Error("projection failed");
  return parsePolicy(obj);
}

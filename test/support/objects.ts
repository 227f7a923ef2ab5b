// Raw objects for secrets/images/correlate tests, shaped like API output.
type Json = Record<string, unknown>;

export function deploymentWith(spec: Json, name = "web", namespace = "t"): Json {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace, uid: `uid-deploy-${namespace}-${name}` },
    spec: {
      replicas: 1,
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "app", image: "busybox:1.36" }], ...spec },
      },
    },
  };
}

export function secretRaw(namespace: string, name: string, extra: Json = {}): Json {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name, namespace, uid: `uid-secret-${namespace}-${name}` },
    type: "Opaque",
    ...extra,
  };
}

export function configMapRaw(namespace: string, name: string, data: Json): Json {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name, namespace, uid: `uid-cm-${namespace}-${name}` },
    data,
  };
}

export function serviceAccountRaw(namespace: string, name: string, extra: Json = {}): Json {
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name, namespace, uid: `uid-sa-${namespace}-${name}` },
    ...extra,
  };
}

export function namespaceRaw(name: string): Json {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, uid: `uid-ns-${name}` } };
}

export const DIGEST = "sha256:4b3c9e0d2f8a1b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c";

/** A Deployment with one container "app" running `image`. */
export const withImage = (image: unknown, extra: Json = {}) =>
  deploymentWith({ containers: [{ name: "app", image, ...extra }] });

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

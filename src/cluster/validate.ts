// Field types of file input (issue 14): an object whose fields have the wrong type for
// its kind (spec: "string", containers: 5, hostPID: "true") is refused, as the API server
// would refuse it, and reported by field and expected type — never analysed as if the
// field were absent. One table of the fields kubeward reads, with their types in the
// Kubernetes API (core/v1, apps/v1, batch/v1, rbac/v1, networking/v1). Fields outside the
// table are not read, so they are not checked. null is "unset", as the API server takes it.
// (Why not a validator of the full OpenAPI schemas: see README, "Input limits".)

type Type =
  | "string"
  | "boolean"
  | "integer"
  /** IntOrString (ports). */
  | "int-or-string"
  /** resource.Quantity: a string, or a number in YAML/JSON. */
  | "quantity"
  /** map[string]string (labels, annotations, selectors, ConfigMap data). */
  | "string-map"
  | { map: Type }
  | { array: Type }
  | { object: Fields };

interface Fields {
  readonly [field: string]: Type;
}

const arrayOf = (t: Type): Type => ({ array: t });
const obj = (f: Fields): Type => ({ object: f });
const strings = arrayOf("string");

const labelSelector = obj({
  matchLabels: "string-map",
  matchExpressions: arrayOf(obj({ key: "string", operator: "string", values: strings })),
});
const profile = obj({ type: "string", localhostProfile: "string" });
const seLinux = obj({ user: "string", role: "string", type: "string", level: "string" });
const windows = obj({
  hostProcess: "boolean",
  runAsUserName: "string",
  gmsaCredentialSpecName: "string",
  gmsaCredentialSpec: "string",
});
const securityContext = obj({
  privileged: "boolean",
  allowPrivilegeEscalation: "boolean",
  capabilities: obj({ add: strings, drop: strings }),
  runAsNonRoot: "boolean",
  runAsUser: "integer",
  runAsGroup: "integer",
  readOnlyRootFilesystem: "boolean",
  procMount: "string",
  seccompProfile: profile,
  appArmorProfile: profile,
  seLinuxOptions: seLinux,
  windowsOptions: windows,
});
const podSecurityContext = obj({
  runAsNonRoot: "boolean",
  runAsUser: "integer",
  runAsGroup: "integer",
  fsGroup: "integer",
  supplementalGroups: arrayOf("integer"),
  sysctls: arrayOf(obj({ name: "string", value: "string" })),
  seccompProfile: profile,
  appArmorProfile: profile,
  seLinuxOptions: seLinux,
  windowsOptions: windows,
});
const handler = {
  httpGet: obj({ host: "string", port: "int-or-string", path: "string", scheme: "string" }),
  tcpSocket: obj({ host: "string", port: "int-or-string" }),
  exec: obj({ command: strings }),
};
const probe = obj({ ...handler, grpc: obj({ port: "integer", service: "string" }) });
const keyRef = obj({ name: "string", key: "string", optional: "boolean" });
const container = obj({
  name: "string",
  image: "string",
  imagePullPolicy: "string",
  command: strings,
  args: strings,
  workingDir: "string",
  env: arrayOf(
    obj({
      name: "string",
      value: "string",
      valueFrom: obj({ secretKeyRef: keyRef, configMapKeyRef: keyRef, fieldRef: obj({ fieldPath: "string" }) }),
    }),
  ),
  envFrom: arrayOf(
    obj({
      prefix: "string",
      secretRef: obj({ name: "string", optional: "boolean" }),
      configMapRef: obj({ name: "string", optional: "boolean" }),
    }),
  ),
  ports: arrayOf(
    obj({ name: "string", containerPort: "integer", hostPort: "integer", hostIP: "string", protocol: "string" }),
  ),
  securityContext,
  resources: obj({ limits: { map: "quantity" }, requests: { map: "quantity" } }),
  volumeMounts: arrayOf(obj({ name: "string", mountPath: "string", readOnly: "boolean", subPath: "string" })),
  livenessProbe: probe,
  readinessProbe: probe,
  startupProbe: probe,
  lifecycle: obj({ postStart: obj(handler), preStop: obj(handler) }),
  stdin: "boolean",
  tty: "boolean",
  targetContainerName: "string",
});
const volume = obj({
  name: "string",
  hostPath: obj({ path: "string", type: "string" }),
  secret: obj({
    secretName: "string",
    optional: "boolean",
    defaultMode: "integer",
    items: arrayOf(obj({ key: "string", path: "string" })),
  }),
  configMap: obj({ name: "string", optional: "boolean", items: arrayOf(obj({ key: "string", path: "string" })) }),
  projected: obj({
    sources: arrayOf(
      obj({
        secret: obj({ name: "string" }),
        configMap: obj({ name: "string" }),
        serviceAccountToken: obj({ path: "string", audience: "string", expirationSeconds: "integer" }),
      }),
    ),
  }),
});
const podSpec = obj({
  containers: arrayOf(container),
  initContainers: arrayOf(container),
  ephemeralContainers: arrayOf(container),
  volumes: arrayOf(volume),
  hostPID: "boolean",
  hostIPC: "boolean",
  hostNetwork: "boolean",
  hostUsers: "boolean",
  shareProcessNamespace: "boolean",
  serviceAccountName: "string",
  serviceAccount: "string",
  automountServiceAccountToken: "boolean",
  nodeName: "string",
  restartPolicy: "string",
  securityContext: podSecurityContext,
  imagePullSecrets: arrayOf(obj({ name: "string" })),
  os: obj({ name: "string" }),
});
const metadata = obj({
  name: "string",
  namespace: "string",
  uid: "string",
  labels: "string-map",
  annotations: "string-map",
  ownerReferences: arrayOf(
    obj({ apiVersion: "string", kind: "string", name: "string", uid: "string", controller: "boolean" }),
  ),
});
const template = obj({ metadata, spec: podSpec });
const controller = obj({ selector: labelSelector, template });
const policyRule = obj({
  apiGroups: strings,
  resources: strings,
  verbs: strings,
  resourceNames: strings,
  nonResourceURLs: strings,
});
const binding: Fields = {
  roleRef: obj({ apiGroup: "string", kind: "string", name: "string" }),
  subjects: arrayOf(obj({ kind: "string", name: "string", namespace: "string", apiGroup: "string" })),
};
const peer = obj({
  podSelector: labelSelector,
  namespaceSelector: labelSelector,
  ipBlock: obj({ cidr: "string", except: strings }),
});
const policyPorts = arrayOf(obj({ protocol: "string", port: "int-or-string", endPort: "integer" }));

/** The top-level fields read, per kind (beside apiVersion, kind and metadata). */
const KIND_FIELDS: Readonly<Record<string, Fields>> = {
  Pod: { spec: podSpec },
  Deployment: { spec: controller },
  StatefulSet: { spec: controller },
  DaemonSet: { spec: controller },
  ReplicaSet: { spec: controller },
  ReplicationController: { spec: obj({ selector: "string-map", template }) },
  Job: { spec: controller },
  CronJob: { spec: obj({ jobTemplate: obj({ metadata, spec: controller }) }) },
  Namespace: {},
  ServiceAccount: { automountServiceAccountToken: "boolean", secrets: arrayOf(obj({ name: "string" })) },
  Secret: { type: "string", data: "string-map", stringData: "string-map" },
  ConfigMap: { data: "string-map" },
  Service: {
    spec: obj({
      type: "string",
      selector: "string-map",
      ports: arrayOf(obj({ name: "string", port: "integer", targetPort: "int-or-string", protocol: "string" })),
    }),
  },
  Role: { rules: arrayOf(policyRule) },
  ClusterRole: {
    rules: arrayOf(policyRule),
    aggregationRule: obj({ clusterRoleSelectors: arrayOf(labelSelector) }),
  },
  RoleBinding: binding,
  ClusterRoleBinding: binding,
  NetworkPolicy: {
    spec: obj({
      podSelector: labelSelector,
      policyTypes: strings,
      ingress: arrayOf(obj({ from: arrayOf(peer), ports: policyPorts })),
      egress: arrayOf(obj({ to: arrayOf(peer), ports: policyPorts })),
    }),
  },
};

/** One wrong-typed field: where, what the API expects, what was there. */
export interface FieldError {
  field: string;
  expected: string;
  got: string;
}

function describe(t: Type): string {
  if (typeof t === "string") return t === "string-map" ? "map of strings" : t;
  if ("array" in t) return `array of ${describe(t.array)}`;
  if ("map" in t) return `map of ${describe(t.map)}`;
  return "object";
}

function typeName(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function fits(t: Type, v: unknown): boolean {
  switch (t) {
    case "string":
      return typeof v === "string";
    case "boolean":
      return typeof v === "boolean";
    case "integer":
      return typeof v === "number" && Number.isInteger(v);
    case "int-or-string":
      return typeof v === "string" || (typeof v === "number" && Number.isInteger(v));
    case "quantity":
      return typeof v === "string" || typeof v === "number";
    case "string-map":
      return isObject(v);
    default:
      return "array" in t ? Array.isArray(v) : isObject(v);
  }
}

/** Appends the first wrong-typed field under `v` (typed `t`, at `path`); true when one was found. */
function check(t: Type, v: unknown, path: string, out: FieldError[]): boolean {
  if (v === null || v === undefined) return false;
  if (!fits(t, v)) {
    out.push({ field: path, expected: describe(t), got: typeName(v) });
    return true;
  }
  if (t === "string-map") {
    for (const [k, x] of Object.entries(v as Record<string, unknown>))
      if (x !== null && typeof x !== "string") {
        out.push({ field: `${path}.${k}`, expected: "string", got: typeName(x) });
        return true;
      }
    return false;
  }
  if (typeof t === "string") return false;
  if ("array" in t) {
    const items = v as unknown[];
    for (let i = 0; i < items.length; i++) if (check(t.array, items[i], `${path}[${i}]`, out)) return true;
    return false;
  }
  if ("map" in t) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>))
      if (check(t.map, x, `${path}.${k}`, out)) return true;
    return false;
  }
  const record = v as Record<string, unknown>;
  for (const field in t.object)
    if (check(t.object[field]!, record[field], path ? `${path}.${field}` : field, out)) return true;
  return false;
}

/**
 * The first field of `raw` (a manifest of a kind kubeward reads) whose type is not the
 * API's, or undefined. Kinds outside the table are not checked.
 */
export function wrongField(raw: unknown): FieldError | undefined {
  if (!isObject(raw) || typeof raw.kind !== "string") return undefined;
  const fields = KIND_FIELDS[raw.kind];
  if (!fields) return undefined;
  const out: FieldError[] = [];
  check(obj({ metadata, ...fields }), raw, "", out);
  return out[0];
}

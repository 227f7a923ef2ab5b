// The slim object model every source produces and every check reads.
// Objects arrive from a hostile cluster: every field beyond metadata is optional
// and must be read defensively (DESIGN §6.5).

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  ownerReferences: OwnerReference[];
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
}

/** A projected Kubernetes object. Kind-specific fields stay loosely typed. */
export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  // biome-ignore lint/suspicious/noExplicitAny: kind-specific payload, read through typed views
  [field: string]: any;
}

/** Identifies an object in findings, reports and patches. */
export interface ResourceRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/**
 * The ref refOf hands out: one per object, so findings, workloads, owner tops and
 * summaries of an object share it (the store replaces an object when it changes, so
 * identity is the key). It carries its refKey in a private field, built on first use
 * (flat: a template literal is a tree of cons strings): private fields are invisible
 * to keys, spreads and JSON, so it reads as a plain ref. Frozen: copy it to change it.
 */
class SharedRef implements ResourceRef {
  declare apiVersion: string;
  declare kind: string;
  declare name: string;
  declare namespace?: string;
  #key: string | undefined = undefined;

  constructor(obj: KObject) {
    this.apiVersion = obj.apiVersion;
    this.kind = obj.kind;
    this.name = obj.metadata.name;
    if (obj.metadata.namespace) this.namespace = obj.metadata.namespace;
    Object.freeze(this);
  }

  key(): string {
    // join() builds one flat string; every key is this object's own, so there is nothing to share.
    this.#key ??= [this.kind, this.namespace ?? "", this.name].join("/");
    return this.#key;
  }
}

const refs = new WeakMap<KObject, SharedRef>();

/** The ref of an object (memoised and frozen: copy it to change it). */
export function refOf(obj: KObject): ResourceRef {
  let ref = refs.get(obj);
  if (ref === undefined) refs.set(obj, (ref = new SharedRef(obj)));
  return ref;
}

export function refKey(ref: { kind: string; namespace?: string; name: string }): string {
  if (ref instanceof SharedRef) return ref.key();
  return `${ref.kind}/${ref.namespace ?? ""}/${ref.name}`;
}

/** The refs in order, each object once (by refKey). */
export function uniqueRefs(refs: readonly ResourceRef[]): ResourceRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => !seen.has(refKey(r)) && !!seen.add(refKey(r)));
}

export function refLabel(ref: { kind: string; namespace?: string; name: string }): string {
  return ref.namespace ? `${ref.kind} ${ref.namespace}/${ref.name}` : `${ref.kind} ${ref.name}`;
}

/** The kinds kubeward reads, with their API group/version and plural (for the live source). */
export interface KindInfo {
  kind: string;
  apiVersion: string;
  plural: string;
  namespaced: boolean;
  /** Read metadata-only (PartialObjectMetadata) so values never enter the process. */
  metadataOnly?: boolean;
  /**
   * A kind the server may not serve (a CRD, an alpha API): the live source asks API
   * discovery first and lists/watches it only when served, else it is "not-installed".
   */
  optional?: true;
}

export const KINDS: readonly KindInfo[] = [
  { kind: "Namespace", apiVersion: "v1", plural: "namespaces", namespaced: false },
  { kind: "Pod", apiVersion: "v1", plural: "pods", namespaced: true },
  { kind: "ServiceAccount", apiVersion: "v1", plural: "serviceaccounts", namespaced: true },
  { kind: "Secret", apiVersion: "v1", plural: "secrets", namespaced: true, metadataOnly: true },
  { kind: "ConfigMap", apiVersion: "v1", plural: "configmaps", namespaced: true },
  { kind: "Service", apiVersion: "v1", plural: "services", namespaced: true },
  {
    kind: "ReplicationController",
    apiVersion: "v1",
    plural: "replicationcontrollers",
    namespaced: true,
  },
  { kind: "Deployment", apiVersion: "apps/v1", plural: "deployments", namespaced: true },
  { kind: "ReplicaSet", apiVersion: "apps/v1", plural: "replicasets", namespaced: true },
  { kind: "StatefulSet", apiVersion: "apps/v1", plural: "statefulsets", namespaced: true },
  { kind: "DaemonSet", apiVersion: "apps/v1", plural: "daemonsets", namespaced: true },
  { kind: "Job", apiVersion: "batch/v1", plural: "jobs", namespaced: true },
  { kind: "CronJob", apiVersion: "batch/v1", plural: "cronjobs", namespaced: true },
  {
    kind: "Role",
    apiVersion: "rbac.authorization.k8s.io/v1",
    plural: "roles",
    namespaced: true,
  },
  {
    kind: "RoleBinding",
    apiVersion: "rbac.authorization.k8s.io/v1",
    plural: "rolebindings",
    namespaced: true,
  },
  {
    kind: "ClusterRole",
    apiVersion: "rbac.authorization.k8s.io/v1",
    plural: "clusterroles",
    namespaced: false,
  },
  {
    kind: "ClusterRoleBinding",
    apiVersion: "rbac.authorization.k8s.io/v1",
    plural: "clusterrolebindings",
    namespaced: false,
  },
  {
    kind: "NetworkPolicy",
    apiVersion: "networking.k8s.io/v1",
    plural: "networkpolicies",
    namespaced: true,
  },
  { kind: "Node", apiVersion: "v1", plural: "nodes", namespaced: false },
  { kind: "ResourceQuota", apiVersion: "v1", plural: "resourcequotas", namespaced: true },
  { kind: "LimitRange", apiVersion: "v1", plural: "limitranges", namespaced: true },
  // GA in Kubernetes 1.30; optional so older servers say "not installed", not an error.
  {
    kind: "ValidatingAdmissionPolicyBinding",
    apiVersion: "admissionregistration.k8s.io/v1",
    plural: "validatingadmissionpolicybindings",
    namespaced: false,
    optional: true,
  },
  { kind: "Ingress", apiVersion: "networking.k8s.io/v1", plural: "ingresses", namespaced: true },
  // Gateway API routes (gateway.networking.k8s.io/v1), when installed: exposure (net.exposed-service).
  {
    kind: "HTTPRoute",
    apiVersion: "gateway.networking.k8s.io/v1",
    plural: "httproutes",
    namespaced: true,
    optional: true,
  },
  // trivy-operator's scan reports (aquasecurity.github.io/v1alpha1), when installed.
  {
    kind: "VulnerabilityReport",
    apiVersion: "aquasecurity.github.io/v1alpha1",
    plural: "vulnerabilityreports",
    namespaced: true,
    optional: true,
  },
  {
    kind: "ExposedSecretReport",
    apiVersion: "aquasecurity.github.io/v1alpha1",
    plural: "exposedsecretreports",
    namespaced: true,
    optional: true,
  },
  // Signature-verification policies (image.unverified), when their engines are installed.
  { kind: "ClusterPolicy", apiVersion: "kyverno.io/v1", plural: "clusterpolicies", namespaced: false, optional: true },
  { kind: "Policy", apiVersion: "kyverno.io/v1", plural: "policies", namespaced: true, optional: true },
  {
    kind: "ImageValidatingPolicy",
    apiVersion: "policies.kyverno.io/v1",
    plural: "imagevalidatingpolicies",
    namespaced: false,
    optional: true,
  },
  {
    kind: "ClusterImagePolicy",
    apiVersion: "policy.sigstore.dev/v1beta1",
    plural: "clusterimagepolicies",
    namespaced: false,
    optional: true,
  },
];

const KIND_INDEX = new Map(KINDS.map((k) => [k.kind, k]));

export function kindInfo(kind: string): KindInfo | undefined {
  return KIND_INDEX.get(kind);
}

/** Kinds that carry a pod template, and where the pod spec sits in each. */
export const POD_TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ["spec"],
  Deployment: ["spec", "template", "spec"],
  StatefulSet: ["spec", "template", "spec"],
  DaemonSet: ["spec", "template", "spec"],
  ReplicaSet: ["spec", "template", "spec"],
  ReplicationController: ["spec", "template", "spec"],
  Job: ["spec", "template", "spec"],
  CronJob: ["spec", "jobTemplate", "spec", "template", "spec"],
};

/** Kinds that carry a pod spec: Pods and the controllers whose templates make them. */
export const WORKLOAD_KINDS: readonly string[] = Object.keys(POD_TEMPLATE_PATHS);

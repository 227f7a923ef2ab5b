// Contracts between engines and views: the models engines publish through
// AnalysisResult.models (by engine name) for later engines, who-can and the
// detail view. An engine may be absent; readers must cope with `undefined`.
import type { ResourceRef } from "../cluster/objects.js";
import type { FixFragment } from "./engine.js";
import type { Finding } from "./finding.js";
import type { SupplyModel } from "./supply/model.js";

export interface SubjectRef {
  kind: "ServiceAccount" | "User" | "Group";
  name: string;
  /** ServiceAccounts only. */
  namespace?: string;
}

export interface AccessQuery {
  verb: string;
  /** Plural resource, e.g. "secrets", "pods". */
  resource: string;
  subresource?: string;
  /** API group; "" for core. Undefined means "any group that has this resource". */
  apiGroup?: string;
  /** Namespace the access happens in; undefined for cluster-scoped resources or "all namespaces". */
  namespace?: string;
  /** A specific object name (resourceNames rules match only when this is given). */
  name?: string;
}

/** Why a subject has an access: binding → role → rule. */
export interface AccessPath {
  subject: SubjectRef;
  binding: ResourceRef;
  role: ResourceRef;
  /** The rule as written, e.g. "get,list secrets" or "* on *.*". */
  rule: string;
  /** "cluster" for ClusterRoleBindings, else the binding's namespace. */
  scope: string;
  /** The rule is limited to these object names (resourceNames). */
  resourceNames?: string[];
}

/** Published by the "rbac" engine. */
export interface RbacModel {
  /** Subjects allowed `query`, with the path that grants it. Answers from an index. */
  whoCan(query: AccessQuery): AccessPath[];
  /** Risky check ids that apply to a subject (e.g. ["rbac.secrets-read"]), for ranking and correlation. */
  riskyChecksOf(subject: SubjectRef): string[];
  /** Can this subject do `query`? (a subject's groups, e.g. system:serviceaccounts, included) */
  can(subject: SubjectRef, query: AccessQuery): boolean;
  /** The fix of an RBAC finding (the engine's model remembers which grant each is about). */
  fixFor?(finding: Finding): FixFragment | undefined;
}

export interface IsolationInfo {
  ingress: boolean;
  egress: boolean;
  /** NetworkPolicies selecting the pod for ingress / egress. */
  ingressPolicies: ResourceRef[];
  egressPolicies: ResourceRef[];
  /** Summary lines of what the selecting policies allow in and out. */
  allows: { ingress: string[]; egress: string[] };
}

/** A side of a connection (DESIGN §9 `reach`): a workload (Pod or top controller), or an address block. */
export type ReachPeer =
  | { namespace: string; kind: string; name: string; hostNetwork?: true }
  | { cidr: string; except?: string[] };

export interface ReachPort {
  protocol: "TCP" | "UDP" | "SCTP";
  port: number;
  endPort?: number;
}

/** One allowed connection per peer pair, ports joined, with the policies that allow it ("ns/name"). */
export interface ReachConnection {
  from: ReachPeer;
  to: ReachPeer;
  ports: "all" | ReachPort[];
  policies: string[];
}

export interface ReachQuery {
  /** NS/NAME, NS/KIND/NAME, an address or a CIDR. */
  to?: string;
  from?: string;
  port?: { port: number; protocol: "TCP" | "UDP" | "SCTP" };
  /** Every connection a policy decides. */
  all?: boolean;
}

export interface ReachAnswer {
  connections: ReachConnection[];
  /** With `all`: workloads open in a direction (pairs of two open ones are allowed and not listed). */
  open?: { ingress: ReachPeer[]; egress: ReachPeer[] };
  /** hostNetwork workloads involved, and other caveats. */
  notes: string[];
  /** The query named no workload (one line). */
  error?: string;
}

export interface PolicyExplanation {
  /** "applies to pods app=db in shop; isolates ingress" and one line per rule (or "denies all ingress"). */
  lines: string[];
  /** Top workloads it selects, with the directions it isolates for them. */
  selects: { ref: ResourceRef; directions: ("ingress" | "egress")[] }[];
}

/** Published by the "network" engine. */
export interface NetworkModel {
  /** Who can reach what (the connectivity evaluator over every workload). */
  reach?(query: ReachQuery): ReachAnswer;
  /** A NetworkPolicy in words: what it applies to, what it allows per rule, the workloads it selects. */
  explainPolicy?(namespace: string, name: string): PolicyExplanation | undefined;
  /** Isolation of a Pod or pod template, by refKey of the workload object. */
  isolationOf(workloadKey: string): IsolationInfo | undefined;
  segmentationOf(namespace: string): "none" | "partial" | "default-deny" | undefined;
}

/** Published by the "pods" engine. */
export interface PodsModel {
  /** PSS level of a Pod or pod template, by refKey of the workload object. */
  levelOf(workloadKey: string): "privileged" | "baseline" | "restricted" | undefined;
  /** Strictest level a namespace could enforce without rejecting its current Pods and pod templates. */
  enforceableLevelOf(namespace: string): "privileged" | "baseline" | "restricted" | undefined;
}

/** A subject that can read one Secret, and whether that is expected. */
export interface SecretReader {
  subject: SubjectRef;
  /** Of get, list, watch: the ones this subject has on the Secret. */
  verbs: string[];
  /** Bindings that grant it. */
  paths: AccessPath[];
  /** A service account of a workload in the Secret's namespace that uses the Secret. */
  expected: boolean;
  /** Everyone-style groups and anonymous (system:authenticated, system:anonymous, ...). */
  broad: boolean;
}

/** Published by the "secrets" engine (needs the RBAC model; empty without it). */
export interface SecretsModel {
  readersOf(namespace: string, name: string): SecretReader[];
}

/** Which model each engine publishes, by engine name. */
export interface ModelTypes {
  pods: PodsModel;
  rbac: RbacModel;
  network: NetworkModel;
  secrets: SecretsModel;
  /** Published by the "supply" engine for its own checks (image scans, signature policies). */
  supply: SupplyModel;
}

export type ModelName = keyof ModelTypes;

/**
 * The models of an analysis pass, typed: `models.rbac`, never a cast. A map by engine
 * name underneath (results and old tests read `get("pods")`); build one as a ModelSet:
 * a plain Map type-checks here but has no getters, so every model reads as absent.
 */
export type Models = ReadonlyMap<string, unknown> & { readonly [K in ModelName]?: ModelTypes[K] | undefined };

/** The models engines publish as they run: a Map by engine name with a typed getter per model. */
export class ModelSet extends Map<string, unknown> implements Models {
  get pods(): PodsModel | undefined {
    return this.get("pods") as PodsModel | undefined;
  }
  get rbac(): RbacModel | undefined {
    return this.get("rbac") as RbacModel | undefined;
  }
  get network(): NetworkModel | undefined {
    return this.get("network") as NetworkModel | undefined;
  }
  get secrets(): SecretsModel | undefined {
    return this.get("secrets") as SecretsModel | undefined;
  }
  get supply(): SupplyModel | undefined {
    return this.get("supply") as SupplyModel | undefined;
  }
}

/** Asks another engine's model: a model that throws must not take the caller down (invariant 5). */
export function safeCall<T>(f: () => T, fallback: T): T {
  try {
    return f() ?? fallback;
  } catch {
    return fallback;
  }
}

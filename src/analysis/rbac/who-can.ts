// who-can and can: answers from an index of grants by (verb, resource), never a
// scan of every binding. Group grants answer as the Group (a grant to
// system:authenticated is one answer, not one per user); `can` expands a
// subject into the groups it belongs to.
import { refKey } from "../../cluster/objects.js";
import type { AccessPath, AccessQuery, SubjectRef } from "../models.js";
import { type Grant, subjectKey } from "./resolve.js";
import { formatRule, ruleAllows, ruleAllowsURL } from "./rules.js";

/** Resources that live outside namespaces: RoleBindings never grant them (namespaces aside). */
const CLUSTER_SCOPED = new Set([
  "nodes",
  "namespaces",
  "persistentvolumes",
  "clusterroles",
  "clusterrolebindings",
  "certificatesigningrequests",
  "signers",
  "mutatingwebhookconfigurations",
  "validatingwebhookconfigurations",
  "validatingadmissionpolicies",
  "validatingadmissionpolicybindings",
  "mutatingadmissionpolicies",
  "mutatingadmissionpolicybindings",
  "customresourcedefinitions",
  "apiservices",
  "storageclasses",
  "priorityclasses",
  "runtimeclasses",
  "users",
  "groups",
  "uids",
  "userextras",
  "tokenreviews",
  "subjectaccessreviews",
  "selfsubjectaccessreviews",
  "selfsubjectrulesreviews",
  "selfsubjectreviews",
]);

/** The group of well-known resources, used when a query leaves apiGroup out. */
const KNOWN_GROUPS: Record<string, string> = {
  pods: "",
  secrets: "",
  configmaps: "",
  services: "",
  serviceaccounts: "",
  namespaces: "",
  nodes: "",
  persistentvolumes: "",
  persistentvolumeclaims: "",
  endpoints: "",
  events: "",
  replicationcontrollers: "",
  deployments: "apps",
  daemonsets: "apps",
  statefulsets: "apps",
  replicasets: "apps",
  jobs: "batch",
  cronjobs: "batch",
  roles: "rbac.authorization.k8s.io",
  rolebindings: "rbac.authorization.k8s.io",
  clusterroles: "rbac.authorization.k8s.io",
  clusterrolebindings: "rbac.authorization.k8s.io",
  networkpolicies: "networking.k8s.io",
  ingresses: "networking.k8s.io",
  certificatesigningrequests: "certificates.k8s.io",
  signers: "certificates.k8s.io",
  mutatingwebhookconfigurations: "admissionregistration.k8s.io",
  validatingwebhookconfigurations: "admissionregistration.k8s.io",
};

/** Group membership the API server adds at authentication (DESIGN §3). */
export function identitiesOf(subject: SubjectRef): SubjectRef[] {
  const group = (name: string): SubjectRef => ({ kind: "Group", name });
  if (subject.kind === "ServiceAccount") {
    return [
      subject,
      group("system:serviceaccounts"),
      group(`system:serviceaccounts:${subject.namespace ?? ""}`),
      group("system:authenticated"),
    ];
  }
  if (subject.kind === "User") {
    const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(subject.name);
    if (sa) return identitiesOf({ kind: "ServiceAccount", namespace: sa[1]!, name: sa[2]! });
    return [subject, group(subject.name === "system:anonymous" ? "system:unauthenticated" : "system:authenticated")];
  }
  return [subject];
}

interface NormalQuery {
  verb: string;
  /** "res" or "res/sub", or a non-resource path starting with "/". */
  resource: string;
  apiGroup: string | undefined;
  name: string | undefined;
  /** Namespace a grant must be scoped to (besides "cluster"); undefined = cluster grants only. */
  namespace: string | undefined;
  nonResource: boolean;
}

/** Splits "pods/exec", resolves the group of well-known resources and the effective namespace. */
export function normalizeQuery(q: AccessQuery): NormalQuery {
  let resource = q.resource;
  let sub = q.subresource;
  if (!sub && resource.includes("/") && !resource.startsWith("/")) {
    const at = resource.indexOf("/");
    sub = resource.slice(at + 1);
    resource = resource.slice(0, at);
  }
  const nonResource = resource.startsWith("/");
  const base = resource.toLowerCase();
  const full = nonResource ? resource : sub ? `${base}/${sub}` : base;
  let namespace = q.namespace || undefined;
  if (nonResource) namespace = undefined;
  else if (CLUSTER_SCOPED.has(base)) {
    // A request on namespace N carries namespace N, so a RoleBinding in N applies to it.
    namespace = base === "namespaces" && q.name ? q.name : undefined;
  }
  return {
    verb: q.verb.toLowerCase(),
    resource: full,
    apiGroup: q.apiGroup ?? KNOWN_GROUPS[base],
    name: q.name || undefined,
    namespace,
    nonResource,
  };
}

function grantAllows(g: Grant, q: NormalQuery): boolean {
  if (g.scope !== "cluster" && g.scope !== q.namespace) return false;
  if (q.nonResource) return g.scope === "cluster" && ruleAllowsURL(g.rule, q.verb, q.resource);
  return ruleAllows(g.rule, { verb: q.verb, apiGroup: q.apiGroup, resource: q.resource, name: q.name });
}

export function pathOf(g: Grant): AccessPath {
  const p: AccessPath = {
    subject: g.subject,
    binding: g.binding,
    role: g.role,
    rule: formatRule(g.rule),
    scope: g.scope,
  };
  if (g.rule.resourceNames.length) p.resourceNames = [...g.rule.resourceNames];
  return p;
}

/** Candidate rule resources that may match a requested "res" or "res/sub". */
function resourceKeys(requested: string): string[] {
  const slash = requested.indexOf("/");
  if (slash < 0) return [requested, "*"];
  return [requested, `${requested.slice(0, slash)}/*`, `*/${requested.slice(slash + 1)}`, "*"];
}

export class AccessIndex {
  /** verb → rule resource (or "url:" + non-resource URL pattern) → scope → grants. */
  private readonly byVerbResource = new Map<string, Map<string, Map<string, Grant[]>>>();
  private readonly bySubject = new Map<string, Grant[]>();

  constructor(readonly grants: readonly Grant[]) {
    for (const g of grants) {
      const sk = subjectKey(g.subject);
      let list = this.bySubject.get(sk);
      if (!list) this.bySubject.set(sk, (list = []));
      list.push(g);
      const keys = [...g.rule.resources, ...g.rule.nonResourceURLs.map((u) => `url:${u}`)];
      for (const verb of new Set(g.rule.verbs)) {
        let byRes = this.byVerbResource.get(verb);
        if (!byRes) this.byVerbResource.set(verb, (byRes = new Map()));
        for (const key of new Set(keys)) {
          let byScope = byRes.get(key);
          if (!byScope) byRes.set(key, (byScope = new Map()));
          let bucket = byScope.get(g.scope);
          if (!bucket) byScope.set(g.scope, (bucket = []));
          bucket.push(g);
        }
      }
    }
  }

  /** Every subject that appears in a grant. */
  subjects(): SubjectRef[] {
    return [...this.bySubject.values()].map((gs) => gs[0]!.subject);
  }

  grantsOf(subject: SubjectRef): readonly Grant[] {
    return this.bySubject.get(subjectKey(subject)) ?? [];
  }

  private candidates(q: NormalQuery): Grant[] {
    const out: Grant[] = [];
    for (const verb of new Set([q.verb, "*"])) {
      const byRes = this.byVerbResource.get(verb);
      if (!byRes) continue;
      const scopes = q.namespace ? ["cluster", q.namespace] : ["cluster"];
      const keys = q.nonResource
        ? [...byRes.keys()].filter((k) => k.startsWith("url:"))
        : new Set(resourceKeys(q.resource));
      for (const key of keys) for (const scope of scopes) for (const a of byRes.get(key)?.get(scope) ?? []) out.push(a);
    }
    return out;
  }

  whoCan(query: AccessQuery): AccessPath[] {
    const q = normalizeQuery(query);
    const seen = new Set<Grant>();
    const out: AccessPath[] = [];
    for (const g of this.candidates(q)) {
      if (seen.has(g) || !grantAllows(g, q)) continue;
      seen.add(g);
      out.push(pathOf(g));
    }
    return out.sort(comparePaths);
  }

  /** Evaluates the subject's own grants and its groups' (a different path from whoCan's index). */
  can(subject: SubjectRef, query: AccessQuery): boolean {
    const q = normalizeQuery(query);
    return identitiesOf(subject).some((id) => this.grantsOf(id).some((g) => grantAllows(g, q)));
  }
}

function comparePaths(a: AccessPath, b: AccessPath): number {
  return (
    subjectKey(a.subject).localeCompare(subjectKey(b.subject)) ||
    refKey(a.binding).localeCompare(refKey(b.binding)) ||
    a.rule.localeCompare(b.rule)
  );
}

// Who can read each Secret (from the RBAC engine's who-can index), and a
// finding when that reaches beyond the workloads that use it. The readers are
// published as the SecretsModel for the detail view.
import { effectiveNamespace } from "../../cluster/namespace.js";
import { type KObject, type ResourceRef, refKey, refOf } from "../../cluster/objects.js";
import type { CheckDef } from "../engine.js";
import { type Finding, makeFinding } from "../finding.js";
import type { AccessPath, RbacModel, SecretReader, SecretsModel, SubjectRef } from "../models.js";
import type { Workload } from "../workloads.js";
import { SA_NAME_ANNOTATION } from "./legacy-token.js";
import { subjectLabel } from "./power.js";
import { secretsUsedBy, serviceAccountOf } from "./refs.js";

const READ_VERBS = ["get", "list", "watch"] as const;

/** Everyone-style subjects: a binding to these gives the Secret to every client of that kind. */
const BROAD = new Set([
  "Group/system:authenticated",
  "Group/system:unauthenticated",
  "Group/system:serviceaccounts",
  "User/system:anonymous",
]);

function isBroad(s: SubjectRef): boolean {
  return BROAD.has(`${s.kind}/${s.name}`) || (s.kind === "Group" && s.name.startsWith("system:serviceaccounts:"));
}

/**
 * The control plane reads Secrets by design: system:masters, the system:* users of
 * kube-controller-manager and friends, and the controllers' service accounts in kube-system.
 */
function isControlPlane(s: SubjectRef): boolean {
  if (s.kind === "Group") return s.name === "system:masters";
  if (s.kind === "User") return s.name.startsWith("system:") && s.name !== "system:anonymous";
  return s.namespace === "kube-system";
}

/** Service accounts of workloads that use each Secret, by "ns/secret" (of one namespace's objects, or all). */
function expectedReaders(workloads: readonly Workload[], secrets: readonly KObject[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (ns: string, secret: string, sa: SubjectRef) => {
    const key = `${ns}/${secret}`;
    let set = out.get(key);
    if (!set) out.set(key, (set = new Set()));
    set.add(refKey(sa));
  };
  for (const w of workloads) for (const s of secretsUsedBy(w)) add(w.namespace, s, serviceAccountOf(w));
  // A legacy token Secret belongs to its service account.
  for (const secret of secrets) {
    const sa = secret.metadata.annotations[SA_NAME_ANNOTATION];
    const ns = effectiveNamespace(secret.metadata.namespace);
    if (sa) add(ns, secret.metadata.name, { kind: "ServiceAccount", namespace: ns, name: sa });
  }
  return out;
}

function readersOf(rbac: RbacModel, secret: KObject, expected: Set<string> | undefined): SecretReader[] {
  const ns = effectiveNamespace(secret.metadata.namespace);
  const bySubject = new Map<string, SecretReader>();
  for (const verb of READ_VERBS) {
    let paths: AccessPath[] = [];
    try {
      paths = rbac.whoCan({ verb, resource: "secrets", apiGroup: "", namespace: ns, name: secret.metadata.name });
    } catch {
      paths = []; // another engine's bug must not take this one down
    }
    for (const p of paths) {
      const key = refKey(p.subject);
      let r = bySubject.get(key);
      if (!r) {
        r = {
          subject: p.subject,
          verbs: [],
          paths: [],
          expected: expected?.has(key) ?? false,
          broad: isBroad(p.subject),
        };
        bySubject.set(key, r);
      }
      if (!r.verbs.includes(verb)) r.verbs.push(verb);
      if (!r.paths.some((q) => refKey(q.binding) === refKey(p.binding) && q.rule === p.rule)) r.paths.push(p);
    }
  }
  return [...bySubject.values()].sort(
    (a, b) => Number(b.broad) - Number(a.broad) || refKey(a.subject).localeCompare(refKey(b.subject)),
  );
}

export const broadReaders: CheckDef = {
  reads: { models: ["rbac"] },
  meta: {
    id: "secret.broad-readers",
    title: "Secret readable beyond its workloads",
    severity: "medium",
    panel: "secrets",
    description:
      "Subjects other than the service accounts of the workloads that use this Secret (and the control plane) can get, list or watch it. High when a group like system:authenticated or anonymous users can.",
    remediation:
      "Narrow the bindings listed in the finding: grant secret access per name (resourceNames) to the workloads that need it.",
    references: ["https://kubernetes.io/docs/concepts/security/rbac-good-practices/#secrets", "CIS 5.1.2"],
  },
};

export interface ReadersResult {
  model: SecretsModel;
  findings: Finding[];
  /** The model's answers by "ns/secret". */
  readers: Map<string, SecretReader[]>;
}

interface CachedReaders {
  rbac: RbacModel;
  expected: string;
  list: SecretReader[];
  finding: Finding | undefined;
}

/**
 * Readers of a Secret depend on the RBAC model, the Secret and its expected readers:
 * while all three are the same (the rbac engine keeps its model across pod events),
 * the who-can queries are not repeated.
 */
const readerCache = new WeakMap<KObject, CachedReaders>();

/**
 * Readers of the given Secrets and the broad-readers findings (an empty model without
 * RBAC), expected readers taken from the given workloads: one namespace's (a Secret is
 * used by workloads of its own namespace only).
 */
export function analyzeReadersOf(
  rbac: RbacModel | undefined,
  workloads: readonly Workload[],
  secrets: readonly KObject[],
): ReadersResult {
  const readers = new Map<string, SecretReader[]>();
  const findings: Finding[] = [];
  const model: SecretsModel = { readersOf: (ns, name) => readers.get(`${ns}/${name}`) ?? [] };
  if (!rbac) return { model, findings, readers };
  const expected = expectedReaders(workloads, secrets);
  for (const secret of secrets) {
    const ns = effectiveNamespace(secret.metadata.namespace);
    const key = `${ns}/${secret.metadata.name}`;
    const exp = expected.get(key);
    const expSig = exp ? [...exp].sort().join(",") : "";
    const hit = readerCache.get(secret);
    if (hit && hit.rbac === rbac && hit.expected === expSig) {
      readers.set(key, hit.list);
      if (hit.finding) findings.push(hit.finding);
      continue;
    }
    const list = readersOf(rbac, secret, exp);
    readers.set(key, list);
    const entry: CachedReaders = { rbac, expected: expSig, list, finding: undefined };
    readerCache.set(secret, entry);
    const beyond = list.filter((r) => !r.expected && !isControlPlane(r.subject));
    if (beyond.length === 0) continue;
    const related: ResourceRef[] = [];
    for (const r of beyond)
      for (const p of r.paths) if (!related.some((x) => refKey(x) === refKey(p.binding))) related.push(p.binding);
    const shown = beyond.slice(0, 4).map((r) => subjectLabel(r.subject));
    entry.finding = makeFinding({
      meta: broadReaders.meta,
      resource: refOf(secret),
      severity: beyond.some((r) => r.broad) ? "high" : "medium",
      message: `readable by ${beyond.length} subject(s) beyond the workloads that use it: ${shown.join(", ")}${beyond.length > shown.length ? `, +${beyond.length - shown.length} more` : ""}`,
      related,
    });
    findings.push(entry.finding);
  }
  return { model, findings, readers };
}

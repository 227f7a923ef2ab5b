// Attack path: risky permissions bound to everyone — anonymous requests, every
// authenticated user, every service account. Reports what they reach: Secrets
// they can read and namespaces they can create pods in.
import { effectiveNamespace } from "../../cluster/namespace.js";
import { type ResourceRef, refKey, refLabel } from "../../cluster/objects.js";
import type { AnalysisContext, CheckDef } from "../engine.js";
import { type Finding, makeFinding } from "../finding.js";
import { type AccessPath, type AccessQuery, type SubjectRef, safeCall } from "../models.js";
import { BINDING_CHECKS } from "../rbac/risky/index.js";
import { subjectLabel } from "../secrets/power.js";
import { uniqueIds } from "./common.js";

export const anonymousRisky: CheckDef = {
  meta: {
    id: "path.anonymous-risky",
    title: "Attack path: risky access for everyone",
    severity: "critical",
    panel: "rbac",
    description:
      "A binding gives a permission of the risky catalogue (reading Secrets, creating pods, escalating, impersonating, …) to system:anonymous, system:unauthenticated, system:authenticated or every service account: any credential (or none) reaches what the finding lists. Ranks above its parts; `chain` lists them. A binding to everyone of permissions outside the catalogue is not a path: rbac.anonymous-binding reports it once, ranked by what it grants.",
    remediation: "Delete the binding or bind the role to the specific subjects that need it.",
    references: ["https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles", "CIS 5.1.1"],
  },
};

export const EVERYONE: readonly SubjectRef[] = [
  { kind: "User", name: "system:anonymous" },
  { kind: "Group", name: "system:unauthenticated" },
  { kind: "Group", name: "system:authenticated" },
  { kind: "Group", name: "system:serviceaccounts" },
];

const EVERYONE_WORDS: Record<string, string> = {
  "system:anonymous": "anonymous requests",
  "system:unauthenticated": "unauthenticated requests",
  "system:authenticated": "every authenticated user",
  "system:serviceaccounts": "every service account",
};

const isSubject = (a: SubjectRef, b: SubjectRef) => a.kind === b.kind && a.name === b.name;

/** Paths for everyone-style subjects; their RBAC parts looked up in `pool` (default: ctx.findings). */
export function detectAnonymousPaths(ctx: AnalysisContext, pool: readonly Finding[] = ctx.findings): Finding[] {
  const rbac = ctx.models.rbac;
  if (!rbac) return [];
  const out: Finding[] = [];
  const namespaces = ctx.store.namespaces();
  const secrets = ctx.store.list("Secret");
  for (const subject of EVERYONE) {
    // A path needs a risky permission of the catalogue as a link: the binding to everyone
    // alone (rbac.anonymous-binding) is one finding already, ranked by what it grants.
    const risky = safeCall(() => rbac.riskyChecksOf(subject), []).filter((id) => !BINDING_CHECKS.has(id));
    if (!risky.length) continue;
    const can = (q: AccessQuery) => safeCall(() => rbac.can(subject, q), false);
    // What they reach, per binding that grants it.
    const byBinding = new Map<string, { binding: ResourceRef; reach: Set<string>; secrets: Set<string> }>();
    const note = (q: AccessQuery, what: string, secret?: string) => {
      for (const p of safeCall<AccessPath[]>(() => rbac.whoCan(q), [])) {
        if (!isSubject(p.subject, subject)) continue;
        const key = refKey(p.binding);
        let e = byBinding.get(key);
        if (!e) byBinding.set(key, (e = { binding: p.binding, reach: new Set(), secrets: new Set() }));
        if (secret) e.secrets.add(secret);
        else e.reach.add(what);
      }
    };
    for (const s of secrets) {
      const ns = effectiveNamespace(s.metadata.namespace);
      const q: AccessQuery = { verb: "get", resource: "secrets", apiGroup: "", namespace: ns, name: s.metadata.name };
      if (can(q)) note(q, "", `${ns}/${s.metadata.name}`);
    }
    for (const ns of namespaces) {
      const q: AccessQuery = { verb: "create", resource: "pods", apiGroup: "", namespace: ns };
      if (can(q)) note(q, `create pods in ${ns}`);
    }
    const ruleQueries: [AccessQuery, string][] = [
      [{ verb: "escalate", resource: "clusterroles", apiGroup: "rbac.authorization.k8s.io" }, "escalate cluster roles"],
      [{ verb: "impersonate", resource: "users", apiGroup: "" }, "impersonate users"],
      [{ verb: "get", resource: "nodes", subresource: "proxy", apiGroup: "" }, "proxy to kubelets"],
    ];
    for (const [q, what] of ruleQueries) if (can(q)) note(q, what);
    const who = EVERYONE_WORDS[subject.name] ?? subjectLabel(subject);
    // The RBAC engine reports on the subject itself, naming the bindings in `related`.
    const parts = pool.filter(
      (f) => f.panel === "rbac" && f.resource.kind === subject.kind && f.resource.name === subject.name,
    );
    const partsFor = (binding: ResourceRef) => {
      const named = parts.filter((f) => (f.related ?? []).some((r) => refKey(r) === refKey(binding)));
      return named.length ? named : parts;
    };
    for (const e of byBinding.values()) {
      const reach = [...e.reach];
      if (e.secrets.size) {
        const list = [...e.secrets].sort();
        reach.unshift(`read ${list.length} secret(s): ${list.slice(0, 3).join(", ")}${list.length > 3 ? ", …" : ""}`);
      }
      out.push(
        makeFinding({
          meta: anonymousRisky.meta,
          resource: e.binding,
          discriminator: `${subject.kind}/${subject.name}`,
          message: `${who} (${subject.name}) can ${reach.join("; ")} through ${refLabel(e.binding)}`,
          chain: uniqueIds(partsFor(e.binding)),
        }),
      );
    }
    // Risky per the RBAC engine, but none of the reach probes above applies: still a path, named by its checks.
    if (byBinding.size === 0) {
      const binding = parts.flatMap((f) => f.related ?? []).find((r) => /Binding$/.test(r.kind));
      if (binding)
        out.push(
          makeFinding({
            meta: anonymousRisky.meta,
            resource: binding,
            discriminator: `${subject.kind}/${subject.name}`,
            message: `${who} (${subject.name}) has risky permissions: ${risky.join(", ")}`,
            chain: uniqueIds(parts),
          }),
        );
    }
  }
  return out;
}

// The objects around a finding, for the detail view: owner chain, service
// account and its risky permissions, policies selecting the pod, Secrets used
// and who can read them. Verdicts come from the engines' models; this only
// gathers and labels what they answer.
import { namespaceGuards } from "../analysis/cluster/admission-guards.js";
import type { Finding } from "../analysis/finding.js";
import type { Models, RbacModel } from "../analysis/models.js";
import { secretsUsedBy } from "../analysis/secrets/refs.js";
import { serviceAccountName, workloadOf } from "../analysis/workloads.js";
import { effectiveNamespace } from "../cluster/namespace.js";
import { type KObject, type ResourceRef, refKey, refLabel } from "../cluster/objects.js";
import { ownerChain } from "../store/owner.js";
import type { Store } from "../store/store.js";

export interface RelatedEntry {
  section: "owners" | "service account" | "network" | "secrets" | "related" | "findings" | "admission";
  text: string;
  /** Enter drills into this object. */
  ref?: ResourceRef;
  /** Enter opens this finding. */
  findingId?: string;
  /** Enter opens `:reach` for this workload (NS/KIND/NAME). */
  reach?: string;
}

const ref = (kind: string, name: string, namespace?: string, apiVersion = "v1"): ResourceRef =>
  namespace ? { apiVersion, kind, namespace, name } : { apiVersion, kind, name };

export function relatedOf(obj: KObject | undefined, store: Store, models: Models, finding?: Finding): RelatedEntry[] {
  const out: RelatedEntry[] = [];
  const rbac = models.rbac;
  const net = models.network;
  if (obj) {
    const chain = ownerChain(store, obj).chain;
    for (const r of chain.slice(1)) out.push({ section: "owners", text: `owned by ${refLabel(r)}`, ref: r });
    for (const child of store.ownedBy(obj.metadata.uid).slice(0, 20))
      out.push({
        section: "owners",
        text: `owns ${refLabel({ kind: child.kind, namespace: child.metadata.namespace, name: child.metadata.name })}`,
        ref: ref(child.kind, child.metadata.name, child.metadata.namespace, child.apiVersion),
      });
  }
  const w = obj && workloadOf(obj);
  if (w) {
    const sa = serviceAccountName(w);
    const risky = rbac?.riskyChecksOf({ kind: "ServiceAccount", namespace: w.namespace, name: sa });
    const perms = !rbac
      ? "RBAC engine not loaded"
      : risky?.length
        ? `risky: ${risky.join(", ")}`
        : "no risky permissions";
    out.push({
      section: "service account",
      text: `ServiceAccount ${w.namespace}/${sa} — ${perms}`,
      ref: ref("ServiceAccount", sa, w.namespace),
    });
    if (!net) out.push({ section: "network", text: "network engine not loaded" });
    else {
      const iso = net.isolationOf(refKey(w.ref));
      if (!iso) out.push({ section: "network", text: "isolation unknown" });
      else {
        out.push({
          section: "network",
          text: `ingress ${iso.ingress ? "isolated" : "open"} · egress ${iso.egress ? "isolated" : "open"}${w.podSpec.hostNetwork === true ? " (hostNetwork: outside NetworkPolicy)" : ""} — Enter: who can reach it, what it reaches`,
          ...(net.reach ? { reach: `${w.namespace}/${w.ref.kind}/${w.ref.name}` } : {}),
        });
        const seen = new Set<string>();
        for (const p of [...iso.ingressPolicies, ...iso.egressPolicies]) {
          if (seen.has(refKey(p))) continue;
          seen.add(refKey(p));
          const dirs = [
            iso.ingressPolicies.some((q) => refKey(q) === refKey(p)) && "ingress",
            iso.egressPolicies.some((q) => refKey(q) === refKey(p)) && "egress",
          ].filter(Boolean);
          out.push({ section: "network", text: `selected by ${refLabel(p)} (${dirs.join("+")})`, ref: p });
        }
      }
    }
    for (const name of [...secretsUsedBy(w)].sort()) out.push(...secretEntries(name, w.namespace, rbac));
  }
  if (obj?.kind === "Namespace") {
    const g = namespaceGuards(store, obj.metadata.name);
    for (const line of g.guards) out.push({ section: "admission", text: `guarded by ${line}` });
    if (!g.guards.length) out.push({ section: "admission", text: "no admission control kubeward can see guards it" });
    out.push({ section: "admission", text: `not visible to kubeward: ${g.unseen.join(", ")}` });
  }
  if (obj?.kind === "NetworkPolicy") {
    const ex = net?.explainPolicy?.(effectiveNamespace(obj.metadata.namespace), obj.metadata.name);
    if (!ex) out.push({ section: "network", text: net ? "policy not analysed" : "network engine not loaded" });
    else {
      for (const l of ex.lines) out.push({ section: "network", text: l });
      if (!ex.selects.length) out.push({ section: "network", text: "selects no workload" });
      for (const s of ex.selects)
        out.push({ section: "network", text: `selects ${refLabel(s.ref)} (${s.directions.join("+")})`, ref: s.ref });
    }
  }
  if (obj?.kind === "Secret") out.push(...readers(obj.metadata.name, effectiveNamespace(obj.metadata.namespace), rbac));
  if (obj?.kind === "ServiceAccount" && rbac) {
    const risky = rbac.riskyChecksOf({
      kind: "ServiceAccount",
      namespace: effectiveNamespace(obj.metadata.namespace),
      name: obj.metadata.name,
    });
    out.push({
      section: "service account",
      text: risky.length ? `risky: ${risky.join(", ")}` : "no risky permissions",
    });
    const pods = store.usingServiceAccount(effectiveNamespace(obj.metadata.namespace), obj.metadata.name);
    for (const p of pods.slice(0, 20))
      out.push({
        section: "related",
        text: `used by ${p.kind} ${p.metadata.namespace}/${p.metadata.name}`,
        ref: ref(p.kind, p.metadata.name, p.metadata.namespace, p.apiVersion),
      });
  }
  const known = new Set(out.filter((e) => e.ref).map((e) => refKey(e.ref!)));
  for (const r of finding?.related ?? []) {
    if (known.has(refKey(r))) continue;
    known.add(refKey(r));
    out.push({ section: "related", text: refLabel(r), ref: r });
  }
  return out;
}

function secretEntries(name: string, namespace: string, rbac: RbacModel | undefined): RelatedEntry[] {
  return [
    { section: "secrets", text: `uses Secret ${namespace}/${name}`, ref: ref("Secret", name, namespace) },
    ...readers(name, namespace, rbac),
  ];
}

/** Who can read a Secret, each path navigable to its binding. */
function readers(name: string, namespace: string, rbac: RbacModel | undefined): RelatedEntry[] {
  if (!rbac) return [{ section: "secrets", text: `  readers of ${name}: RBAC engine not loaded` }];
  const paths = rbac.whoCan({ verb: "get", resource: "secrets", apiGroup: "", namespace, name });
  if (!paths.length) return [{ section: "secrets", text: `  no subject can read ${name}` }];
  return paths.slice(0, 30).map((p) => ({
    section: "secrets" as const,
    text: `  read by ${refLabel(p.subject)} via ${p.binding.kind} ${p.binding.name} → ${p.role.kind} ${p.role.name} (${p.scope})`,
    ref: p.binding,
  }));
}

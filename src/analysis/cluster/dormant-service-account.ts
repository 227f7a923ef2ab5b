// rbac.dormant-service-account: a ServiceAccount that no pod or pod template uses
// but that holds risky RBAC (seeds: "remove unused service accounts"). Its token
// (a legacy Secret, or one minted with create token by whoever may) is a
// credential nobody needs and nobody watches. The fix prints the binding deletions.
import type { KObject, ResourceRef } from "../../cluster/objects.js";
import { refOf } from "../../cluster/objects.js";
import type { Store } from "../../store/store.js";
import { shellQuote as quote } from "../../util/shell.js";
import type { CheckDef, FixFragment } from "../engine.js";
import { type Finding, makeFinding } from "../finding.js";
import type { RbacModel } from "../models.js";

/** A name as one shell word; undefined when it holds a control character (never printed into a command). */
function shellQuote(name: string): string | undefined {
  return /[\u0000-\u001f\u007f-\u009f]/.test(name) ? undefined : quote(name);
}

/** Namespaces whose accounts are used by control-plane components, not pods. */
const COMPONENT_NAMESPACES = new Set(["kube-system", "kube-public", "kube-node-lease"]);

interface Grant {
  binding: KObject;
  /** Other subjects the binding grants to (deleting it would take their access too). */
  others: number;
}

/** Bindings whose subjects name this ServiceAccount. */
export function bindingsOf(store: Store, ns: string, name: string): Grant[] {
  const out: Grant[] = [];
  const scan = (b: KObject) => {
    const subjects: unknown[] = Array.isArray(b.subjects) ? b.subjects : [];
    let mine = 0;
    for (const s of subjects) {
      const r = s as { kind?: unknown; name?: unknown; namespace?: unknown };
      if (r?.kind === "ServiceAccount" && r.name === name && (r.namespace ?? b.metadata.namespace) === ns) mine++;
    }
    if (mine) out.push({ binding: b, others: subjects.length - mine });
  };
  for (const b of store.inNamespace("RoleBinding", ns)) scan(b);
  for (const b of store.list("ClusterRoleBinding")) scan(b);
  return out;
}

export const dormantServiceAccount: CheckDef & {
  detect(sa: KObject, store: Store, rbac: RbacModel): Finding[];
} = {
  meta: {
    id: "rbac.dormant-service-account",
    title: "Unused service account with risky permissions",
    severity: "medium",
    panel: "rbac",
    description:
      "No pod and no pod template in the cluster runs as this ServiceAccount, yet RBAC grants it risky permissions. Its tokens (a legacy token Secret, or one anyone allowed to create serviceaccounts/token can mint) are credentials nobody needs: unused, unwatched, and powerful. Accounts in kube-system are not reported (control-plane components use them without pods). Something outside the cluster (CI, a person) may still use its token: check before deleting.",
    remediation:
      "Delete the bindings that grant it (kubeward prints the commands), or the ServiceAccount itself once nothing outside the cluster uses its token.",
    references: [
      "CIS Kubernetes Benchmark 5.1.5: Ensure that default service accounts are not actively used",
      "Kubernetes docs: RBAC good practices — least privilege",
    ],
  },
  detect(sa, store, rbac) {
    const ns = sa.metadata.namespace;
    if (!ns || COMPONENT_NAMESPACES.has(ns)) return [];
    const name = sa.metadata.name;
    if (store.usingServiceAccount(ns, name).length) return [];
    const risky = rbac.riskyChecksOf({ kind: "ServiceAccount", namespace: ns, name });
    if (!risky.length) return [];
    // Only what is granted to this account itself: group grants (system:serviceaccounts…) are every account's.
    const grants = bindingsOf(store, ns, name);
    if (!grants.length) return [];
    return [
      makeFinding({
        meta: dormantServiceAccount.meta,
        resource: refOf(sa),
        message: `ServiceAccount ${ns}/${name} is used by no pod or pod template but holds ${risky.join(", ")}} through ${grants.map((g) => `${g.binding.kind} ${g.binding.metadata.name}`).join(", ")}`,
        fix: { target: refOf(sa), type: "none" },
        related: grants.map((g) => refOf(g.binding)),
      }),
    ];
  },
  fix(finding, ctx): FixFragment | undefined {
    const ns = finding.resource.namespace;
    if (!ns) return undefined;
    const grants = bindingsOf(ctx.store, ns, finding.resource.name);
    const lines: string[] = [];
    for (const g of grants) {
      const b = g.binding;
      const kind = b.kind.toLowerCase();
      const name = shellQuote(b.metadata.name);
      const bns = b.metadata.namespace ? shellQuote(b.metadata.namespace) : undefined;
      if (!name || (b.metadata.namespace && !bns)) {
        lines.push(`# ${b.kind} with an unprintable name: remove it with kubectl edit`);
        continue;
      }
      const where = bns ? ` -n ${bns}` : "";
      lines.push(
        g.others
          ? `# ${kind} ${name} also binds ${g.others} other subject(s): remove only this account from its subjects: kubectl edit ${kind} ${name}${where}`
          : `kubectl delete ${kind} ${name}${where}`,
      );
    }
    if (!lines.length) return undefined;
    const target: ResourceRef = finding.resource;
    return {
      kind: "command",
      command: lines.join("\n"),
      explain: `Removes what grants the unused ServiceAccount ${target.namespace}/${target.name} its permissions.`,
      mayBreak:
        "Anything outside the cluster that still authenticates with this account's token loses those permissions.",
    };
  },
};

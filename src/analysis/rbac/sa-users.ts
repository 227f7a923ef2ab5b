// Which running pods carry a service account's token: pods that are not finished
// and mount the token (automountServiceAccountToken on the pod, else on the
// account). From manifests (no pods), controllers that are not scaled to zero.
import { type KObject, type ResourceRef, refOf } from "../../cluster/objects.js";
import type { Store } from "../../store/store.js";
import { workloadOf } from "../workloads.js";

function mountsToken(obj: KObject, account: KObject | undefined): boolean {
  const spec = workloadOf(obj)?.podSpec;
  if (typeof spec?.automountServiceAccountToken === "boolean") return spec.automountServiceAccountToken;
  return account?.automountServiceAccountToken !== false;
}

export function tokenUsers(store: Store, namespace: string, name: string): ResourceRef[] {
  const users = store.usingServiceAccount(namespace, name);
  if (!users.length) return [];
  const account = store.getByName("ServiceAccount", namespace, name);
  const pods = users.filter(
    (o) =>
      o.kind === "Pod" && o.status?.phase !== "Succeeded" && o.status?.phase !== "Failed" && mountsToken(o, account),
  );
  if (pods.length) return pods.map(refOf);
  // No pods (manifests): top-level controllers that will run some.
  return users
    .filter(
      (o) =>
        o.kind !== "Pod" && !o.metadata.ownerReferences.length && o.spec?.replicas !== 0 && mountsToken(o, account),
    )
    .map(refOf);
}

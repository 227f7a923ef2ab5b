// The exposure engine: net.exposed-service over the whole cluster (a route or a
// load balancer in one namespace, the ingress controller and the allowed peers in
// others). It reads the pods, rbac and network models, so it runs after them. Its
// findings are handed out per namespace, each namespace's part kept while its
// findings are the same, so correlation reruns only where exposure changed.
import { WORKLOAD_KINDS } from "../../cluster/objects.js";
import type { Engine } from "../engine.js";
import type { Finding } from "../finding.js";
import { type EnginePart, partitionedOutput, partKeyOf } from "../parts.js";
import { detectExposedServices, exposedService } from "./exposed-service.js";

function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  return (
    a.length === b.length &&
    a.every((f, i) => f.id === b[i]!.id && f.severity === b[i]!.severity && f.message === b[i]!.message)
  );
}

export function exposureEngine(): Engine {
  let kept = new Map<string, EnginePart>();
  return {
    name: "exposure",
    checks: [exposedService],
    inputs: [
      "Service",
      "Ingress",
      "HTTPRoute",
      "NetworkPolicy",
      "Namespace",
      "ServiceAccount",
      ...WORKLOAD_KINDS,
      "Role",
      "ClusterRole",
      "RoleBinding",
      "ClusterRoleBinding",
    ],
    after: ["pods", "rbac", "network"],
    run(ctx) {
      const byNs = new Map<string, Finding[]>();
      for (const f of detectExposedServices(ctx)) {
        const key = partKeyOf(f.resource.namespace);
        let list = byNs.get(key);
        if (!list) byNs.set(key, (list = []));
        list.push(f);
      }
      const parts = new Map<string, EnginePart>();
      for (const [ns, findings] of byNs) {
        const before = kept.get(ns);
        parts.set(ns, before && sameFindings(before.findings, findings) ? before : { findings });
      }
      kept = parts;
      return partitionedOutput(parts);
    },
  };
}

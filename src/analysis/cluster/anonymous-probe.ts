// cluster.anonymous-access: what an unauthenticated request really got (live only,
// from the probe: GET /version and /api without credentials, same CA). Observed,
// not inferred from flags: it holds on managed control planes too.
import { makeFinding } from "../finding.js";
import type { ClusterCheck } from "./view.js";

export const anonymousAccess: ClusterCheck = {
  meta: {
    id: "cluster.anonymous-access",
    title: "API server answers anonymous requests",
    severity: "medium",
    panel: "cluster",
    description:
      "kubeward sent GET /version and GET /api without any credentials. An answer other than 401 means the API server authenticates the caller as system:anonymous: what that user may do is then up to RBAC (by default: version and health endpoints; with discovery, the whole API surface is listed to anyone). High when /api was answered.",
    remediation:
      "Set --anonymous-auth=false on kube-apiserver, or restrict anonymous access to the health endpoints with an AuthenticationConfiguration (anonymous.conditions); remove bindings to system:anonymous and system:unauthenticated.",
    references: [
      "CIS Kubernetes Benchmark 1.2.1: Ensure that the --anonymous-auth argument is set to false",
      "Kubernetes docs: Authenticating — Anonymous requests",
    ],
  },
  detect(view) {
    const probe = view.server?.probe;
    if (!probe || !view.serverObject) return [];
    const answered = probe.answers.filter((a) => a.status !== undefined && a.status !== 401);
    if (!answered.length) return [];
    const api = probe.answers.find((a) => a.path === "/api");
    const discovery = api?.status === 200;
    const parts = probe.answers.map((a) =>
      a.status === undefined
        ? `${a.path}: ${a.error ?? "no answer"}`
        : `${a.path}: ${a.status}${a.status === 200 && a.seen?.length ? ` (${a.seen.join(", ")})` : ""}`,
    );
    return [
      makeFinding({
        meta: anonymousAccess.meta,
        resource: {
          apiVersion: view.serverObject.apiVersion,
          kind: view.serverObject.kind,
          name: view.serverObject.metadata.name,
        },
        severity: discovery ? "high" : "medium",
        message: `requests without credentials are accepted as system:anonymous (${parts.join("; ")})${discovery ? ": anonymous callers get API discovery" : ""}`,
      }),
    ];
  },
};

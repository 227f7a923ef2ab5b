// cluster.apiserver-anonymous-auth: the API server accepts unauthenticated requests
// as system:anonymous (CIS 1.2.1). The default is true.
import { flagCheck, shown } from "./control-plane.js";
import { parseBool } from "./flags.js";

export const apiserverAnonymousAuth = flagCheck(
  {
    id: "cluster.apiserver-anonymous-auth",
    title: "API server accepts anonymous requests",
    severity: "high",
    panel: "cluster",
    description:
      "kube-apiserver runs without --anonymous-auth=false (the default is true): any request without credentials is served as system:anonymous, and every binding to system:anonymous or system:unauthenticated becomes reachable from the network.",
    remediation:
      "Set --anonymous-auth=false in the kube-apiserver static pod manifest (health checks then need credentials, or an AuthenticationConfiguration that allows anonymous only for /livez, /readyz and /healthz).",
    references: [
      "CIS Kubernetes Benchmark 1.2.1: Ensure that the --anonymous-auth argument is set to false",
      "Kubernetes docs: Authenticating — Anonymous requests",
    ],
  },
  [
    {
      cis: "1.2.1",
      cisText: "Ensure that the --anonymous-auth argument is set to false",
      component: "kube-apiserver",
      flag: "anonymous-auth",
      want: "--anonymous-auth=false",
      configFlags: ["authentication-config"],
      evaluate(_flags, value) {
        if (value && parseBool(value.value) === false) return undefined;
        return {
          current: shown(value, "true"),
          message: `--anonymous-auth is ${shown(value, "true")}: requests without credentials are served as system:anonymous`,
        };
      },
    },
  ],
);

// NetworkPolicy mistakes seen in real clusters, for the Unsegmented namespaces
// panel: a policy that isolates and then allows everything, and one whose
// selector matches no pod (a label typo). Both in shop, which stays partial.
import type { Json } from "../../util/record.js";
import { deployment, meta, netpol, ns, sa } from "./build.js";

export function networkPolicyMistakes(): Json[] {
  return [
    // Someone "fixed" a connectivity problem: the db is selected, and open to all.
    netpol("shop", "db-allow-all", {
      podSelector: { matchLabels: { app: "db" } },
      policyTypes: ["Ingress"],
      ingress: [{}],
    }),
    // Written for pods labelled app=api; the storefront's pods are app=web.
    netpol("shop", "api-from-mobile", {
      podSelector: { matchLabels: { app: "api" } },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [{ namespaceSelector: { matchLabels: { team: "mobile" } } }],
          ports: [{ port: 8080, protocol: "TCP" }],
        },
      ],
    }),
  ];
}

function service(namespace: string, name: string, spec: Json): Json {
  return { apiVersion: "v1", kind: "Service", metadata: meta("Service", namespace, name), spec };
}

/**
 * Who reaches the shop's db, and what is exposed: an ingress-nginx controller behind a
 * LoadBalancer, the storefront routed through it (web only admits the controller), the
 * db's own rule for its clients on the named port "postgres", and a NodePort someone
 * opened on the db for a migration — which db-allow-all lets in from anywhere.
 */
export function reachAndExposure(): Json[] {
  const controller = { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" };
  return [
    ns("ingress-nginx"),
    sa("ingress-nginx", "ingress-nginx"),
    ...deployment(
      "ingress-nginx",
      "ingress-nginx-controller",
      2,
      {
        labels: controller,
        spec: {
          serviceAccountName: "ingress-nginx",
          containers: [
            {
              name: "controller",
              image: "registry.k8s.io/ingress-nginx/controller:v1.11.2",
              ports: [
                { containerPort: 80, name: "http" },
                { containerPort: 443, name: "https" },
              ],
              securityContext: {
                runAsNonRoot: true,
                runAsUser: 101,
                allowPrivilegeEscalation: false,
                capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
                seccompProfile: { type: "RuntimeDefault" },
              },
              resources: { limits: { cpu: "500m", memory: "512Mi" } },
            },
          ],
        },
      },
      "6f8d5b7c9",
    ),
    service("ingress-nginx", "ingress-nginx-controller", {
      type: "LoadBalancer",
      externalTrafficPolicy: "Local",
      selector: controller,
      ports: [
        { name: "http", port: 80, targetPort: "http", protocol: "TCP" },
        { name: "https", port: 443, targetPort: "https", protocol: "TCP" },
      ],
    }),
    service("shop", "web", { selector: { app: "web" }, ports: [{ port: 80, targetPort: "http" }] }),
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: meta("Ingress", "shop", "storefront"),
      spec: {
        ingressClassName: "nginx",
        rules: [
          {
            host: "shop.example.com",
            http: {
              paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }],
            },
          },
        ],
      },
    },
    service("shop", "db", { selector: { app: "db" }, ports: [{ port: 5432, targetPort: "postgres" }] }),
    service("shop", "db-migrate", {
      type: "NodePort",
      selector: { app: "db" },
      ports: [{ port: 5432, targetPort: "postgres", nodePort: 30432 }],
    }),
    // The db's intended clients: the storefront and the nightly report, on the named port.
    netpol("shop", "db-from-web", {
      podSelector: { matchLabels: { app: "db" } },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [
            { podSelector: { matchLabels: { app: "web" } } },
            {
              namespaceSelector: { matchLabels: { team: "storefront" } },
              podSelector: { matchLabels: { app: "nightly-report" } },
            },
          ],
          ports: [{ port: "postgres" }],
        },
      ],
    }),
  ];
}

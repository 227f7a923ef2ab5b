// NetworkPolicy mistakes seen in real clusters, for the Unsegmented namespaces
// panel: a policy that isolates and then allows everything, and one whose
// selector matches no pod (a label typo). Both in shop, which stays partial.

import type { Json } from "../../util/record.js";
import { netpol } from "./build.js";

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

// Attack paths across panels (DESIGN §3 "Correlation"): runs last, reads the
// earlier engines' findings and models, and emits critical findings whose
// `chain` holds the ids of the findings they combine. Each path is placed in the
// panel of its first part (pods, network, rbac), so the panel list stays the same.
import { WORKLOAD_KINDS } from "../../cluster/objects.js";
import type { Engine } from "../engine.js";
import { anonymousRisky, detectAnonymousPaths } from "./anonymous-risky.js";
import { detectPrivilegedPodPaths, privilegedPodSecretsReader } from "./privileged-pod-secrets-reader.js";
import { detectUnsegmentedTokenPaths, unsegmentedPowerfulToken } from "./unsegmented-powerful-token.js";

export function correlateEngine(): Engine {
  return {
    name: "correlate",
    checks: [privilegedPodSecretsReader, unsegmentedPowerfulToken, anonymousRisky],
    // Everything the other engines read: any change may complete or break a path.
    inputs: [
      ...WORKLOAD_KINDS,
      "ServiceAccount",
      "Secret",
      "Namespace",
      "NetworkPolicy",
      "Role",
      "ClusterRole",
      "RoleBinding",
      "ClusterRoleBinding",
    ],
    after: ["pods", "images", "rbac", "network", "secrets"],
    run: (ctx) => ({
      findings: [...detectPrivilegedPodPaths(ctx), ...detectUnsegmentedTokenPaths(ctx), ...detectAnonymousPaths(ctx)],
    }),
  };
}

// The risky-permission catalogue (DESIGN §3), in report order.
import { anonymousBinding } from "./anonymous-binding.js";
import type { RiskyCheck } from "./check.js";
import { clusterAdmin } from "./cluster-admin.js";
import { csrApprove } from "./csr-approve.js";
import { defaultSaBound } from "./default-sa-bound.js";
import { destructiveDelete } from "./destructive-delete.js";
import { escalateBind } from "./escalate-bind.js";
import { eventsDelete } from "./events-delete.js";
import { impersonate } from "./impersonate.js";
import { kubeSystemConfigMapWrite } from "./kube-system-configmap-write.js";
import { namespacePatch } from "./namespace-patch.js";
import { nodesProxy } from "./nodes-proxy.js";
import { podExec } from "./pod-exec.js";
import { pvCreate } from "./pv-create.js";
import { saTokenCreate } from "./sa-token-create.js";
import { secretsRead } from "./secrets-read.js";
import { webhookConfig } from "./webhook-config.js";
import { wildcard } from "./wildcard.js";
import { workloadCreate } from "./workload-create.js";

export const riskyChecks: readonly RiskyCheck[] = [
  clusterAdmin,
  anonymousBinding,
  escalateBind,
  impersonate,
  nodesProxy,
  webhookConfig,
  csrApprove,
  secretsRead,
  workloadCreate,
  podExec,
  saTokenCreate,
  pvCreate,
  namespacePatch,
  kubeSystemConfigMapWrite,
  destructiveDelete,
  eventsDelete,
  wildcard,
  defaultSaBound,
];

/** Checks about the binding itself (who it reaches), not about a rule: not inherited through groups. */
export const BINDING_CHECKS = new Set(riskyChecks.filter((c) => c.meta.bindingLevel).map((c) => c.meta.id));

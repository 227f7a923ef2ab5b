// Privileged pods panel: Pod Security Standards checks over every workload.
import type { Engine, WorkloadCheck } from "../engine.js";
import { WorkloadCheckRunner } from "../workload-checks.js";
import { privileged } from "./privileged.js";

export const podChecks: readonly WorkloadCheck[] = [privileged];

export function podsEngine(): Engine {
  const runner = new WorkloadCheckRunner(podChecks);
  return {
    name: "pods",
    checks: podChecks,
    inputs: ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob"],
    run: (ctx) => ({ findings: runner.run(ctx) }),
  };
}

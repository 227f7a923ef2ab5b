// One risky check through the whole engine: a ClusterRole with `rules` bound to SA
// t/app cluster-wide or by a RoleBinding in a namespace; the check's finding, if any.
import type { Finding } from "../../src/analysis/finding.js";
import { mkBinding, mkRole, saS } from "./rbac.js";
import { analyze } from "./store.js";

type Json = Record<string, unknown>;

export function boundRules(rules: Json[], namespace?: string, subject: Json = saS("t", "app")): Json[] {
  return [mkRole(undefined, "r", rules), mkBinding(namespace, "b", { kind: "ClusterRole", name: "r" }, [subject])];
}

export function findingOf(check: string, raws: Json[]): Finding | undefined {
  return analyze(raws).result.findings.find((f) => f.check === check);
}

// Finds the kubeconfig the way kubectl does, without loading client-node
// (it costs ~0.6 s to import; the first frame must not wait for it).
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";

export interface KubeconfigLocation {
  /** Files to merge, in KUBECONFIG order. */
  paths: string[];
  /** Where they came from, for messages. */
  origin: "flag" | "KUBECONFIG" | "home";
}

export function findKubeconfig(flag: string | undefined, env = process.env): KubeconfigLocation | undefined {
  if (flag) return { paths: [flag], origin: "flag" };
  const fromEnv = (env.KUBECONFIG ?? "").split(delimiter).filter((p) => p && existsSync(p));
  if (fromEnv.length) return { paths: fromEnv, origin: "KUBECONFIG" };
  const home = join(env.HOME ?? homedir(), ".kube", "config");
  return existsSync(home) ? { paths: [home], origin: "home" } : undefined;
}

// The live source (watch engine) is delivered by the [live] issue.
import type { KubeconfigLocation } from "./kubeconfig.js";
import type { Source } from "./source.js";

export interface LiveOptions {
  kubeconfig: KubeconfigLocation;
  context?: string;
  namespace?: string;
}

export async function createLiveSource(_options: LiveOptions): Promise<Source> {
  throw new Error("live mode is not available in this build yet: use --demo or --file");
}

// The header's first line as text, without Ink: the first frame (first-frame.ts)
// draws it before Ink has loaded, and Header.tsx draws the same words after.
import type { SourceInfo } from "../src/cluster/source.js";

/** "live · ctx prod · cluster c · user u · ns all · k8s v1.33.0 · <probe>" (cluster text unsanitised). */
export function whereText(info: SourceInfo, scope?: string): string {
  const ns = info.namespace ?? scope;
  return [
    info.kind,
    info.context && `ctx ${info.context}`,
    info.cluster && `cluster ${info.cluster}`,
    info.user && `user ${info.user}`,
    ns ? `ns ${ns}` : "ns all",
    info.serverVersion && `k8s ${info.serverVersion}`,
    info.probe,
  ]
    .filter(Boolean)
    .join(" · ");
}

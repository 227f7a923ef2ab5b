import type { KObject } from "./objects.js";

/**
 * Connection state of one kind, shown in the header (DESIGN §1). "not-installed": an
 * optional kind (a CRD, an alpha API) the server does not serve; synced and empty.
 */
export type KindState = "connecting" | "connected" | "reconnecting" | "forbidden" | "error" | "not-installed";

export type SourceEvent =
  | { type: "added" | "modified"; object: KObject }
  | { type: "deleted"; object: KObject }
  | { type: "synced"; kind: string }
  | { type: "status"; kind: string; state: KindState; message?: string };

/** Something a source could not read; the run goes on without it (DESIGN §6.4). */
export interface SourceProblem {
  where: string;
  message: string;
  /** For a kind that could not be (fully) read (app/gaps.ts): which, how and where. */
  kind?: string;
  state?: "forbidden" | "failed" | "incomplete";
  /** A namespace, "cluster" (every namespace and cluster-scoped), or "all-except:NS". */
  scope?: string;
  permission?: string;
}

export interface SourceInfo {
  kind: "live" | "files" | "demo";
  context?: string;
  cluster?: string;
  user?: string;
  /** Namespace scope, undefined for all namespaces. */
  namespace?: string;
  /** Why this source was chosen, e.g. "no kubeconfig found". */
  note?: string;
  /** The API server's gitVersion (/version), when it answered. */
  serverVersion?: string;
  /** What the anonymous probe found (live only, unless --no-probe), for the header. */
  probe?: string;
}

export interface Source {
  readonly info: SourceInfo;
  /** Kinds this source will report `synced` for. */
  readonly kinds: readonly string[];
  /** Starts emitting; batches of events arrive through `emit`. */
  start(emit: (events: SourceEvent[]) => void): Promise<void>;
  stop(): void;
  /** Problems met while reading (malformed documents, unreadable files). */
  problems(): SourceProblem[];
  /** The same source on another kube context (live only), not started yet. */
  forContext?(context: string): Source;
  /** Kinds read in one namespace only, though the source reads every namespace (kind → namespace). */
  coverage?(): ReadonlyMap<string, string>;
  /** Context names of the kubeconfig, once started (for :ctx completion). */
  contexts?(): string[];
}

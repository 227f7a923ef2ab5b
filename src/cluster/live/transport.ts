// The two requests the watch engine makes: a JSON GET (lists, /version) and a
// streaming watch GET. Only GET exists here: kubeward is read-only (DESIGN §6.1).

/** One line of a watch stream. */
export interface WatchEvent {
  type: string;
  object: unknown;
}

export interface Transport {
  /** The server URL, for messages. */
  readonly server: string;
  /** GET `path` (with its query); the parsed JSON body; throws ApiError on non-2xx. */
  getJson(path: string, accept: string, signal: AbortSignal): Promise<unknown>;
  /**
   * Streams a watch. `onOpen` runs once the server accepted it; `onEvent` for each
   * event (it may throw to end the watch with that error). Resolves when the
   * server ends the stream cleanly; rejects on any error.
   */
  watch(
    path: string,
    accept: string,
    signal: AbortSignal,
    onOpen: () => void,
    onEvent: (event: WatchEvent) => void,
  ): Promise<void>;
}

export const JSON_ACCEPT = "application/json";
// Metadata-only: the server strips everything but metadata. No plain-JSON
// fallback on purpose: a server that cannot do this must not send Secret data.
export const METADATA_LIST_ACCEPT = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";
export const METADATA_WATCH_ACCEPT = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1";

// Where an object without metadata.namespace lives. `kubectl apply -f` puts a
// namespaced object without one into the context's namespace (or `-n NS`);
// kubeward does the same, and every engine reads the namespace through here.

/** The namespace of objects that name none, when no `--namespace` is given. */
export const DEFAULT_NAMESPACE = "default";

/**
 * The namespace an object is analysed in: its own, else the one given on the
 * command line (`--namespace NS`), else "default".
 */
export function effectiveNamespace(namespace: string | undefined, given?: string): string {
  return namespace || given || DEFAULT_NAMESPACE;
}

/** The digest of an image reference or imageID ("nginx@sha256:…", "docker-pullable://x@sha256:…"); a bare digest stays. */
export function digestOf(s: string): string | undefined {
  const d = s.includes("@") ? s.slice(s.lastIndexOf("@") + 1) : s;
  return /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/.test(d) ? d : undefined;
}

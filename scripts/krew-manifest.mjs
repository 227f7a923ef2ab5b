// The krew plugin manifest (krew.googlecontainertools.github.com/v1alpha2, kind Plugin)
// for the archives npm run dist writes. `uri` is where a release would publish them;
// until then install from the local archive:
//   kubectl krew install --manifest=plugins/ward.yaml --archive=dist-bin/kubeward-linux-amd64.tar.gz
import { stringify } from "yaml";

export const RELEASE_URL = "https://github.com/kubeward/kubeward/releases/download";

/** @param {string} version @param {{os: string, arch: string, file: string, sha256: string}[]} artifacts */
export function krewManifest(version, artifacts) {
  return stringify({
    apiVersion: "krew.googlecontainertools.github.com/v1alpha2",
    kind: "Plugin",
    metadata: { name: "ward" },
    spec: {
      version: `v${version}`,
      homepage: "https://github.com/kubeward/kubeward",
      shortDescription: "Live security triage of a cluster, with fixes",
      description: [
        "kubeward watches the cluster and sorts what it sees into panels: privileged pods,",
        "permissive RBAC, unsegmented namespaces, secret exposure, images and cluster posture.",
        "It drills from a finding to the objects behind it and writes the patch that fixes it",
        "on the object that owns it. Read-only: it never applies anything.",
      ].join(" "),
      platforms: artifacts.map((a) => ({
        selector: { matchLabels: { os: a.os, arch: a.arch } },
        uri: `${RELEASE_URL}/v${version}/${a.file}`,
        sha256: a.sha256,
        files: [
          { from: "kubeward", to: "." },
          { from: "LICENSE", to: "." },
        ],
        bin: "kubeward",
      })),
    },
  });
}

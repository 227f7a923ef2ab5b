// The part of @kubernetes/client-node kubeward runs: KubeConfig (kubeconfig loading,
// exec and auth-provider credentials, TLS options). Importing the package loads its
// whole generated API, ~1,000 modules, ~1.3 s on the test machine, before the first
// list of every scan and TUI start. `npm run build` replaces the compiled form of this
// file with one esbuild bundle of just this export (scripts/bundle-client-node.mjs),
// which loads in ~0.3 s. Tests import the source, so they run against the package itself.
export { KubeConfig } from "@kubernetes/client-node";

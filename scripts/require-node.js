// Fails loudly when npm scripts run on a Node older than 22 — which happens
// when `npm ci --ignore-scripts` skipped installing the pinned node package.
const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  console.error(
    `kubeward needs Node >= 22 but this script runs on Node ${process.versions.node}.\n` +
      "The pinned Node comes from the `node` devDependency; reinstall without --ignore-scripts:\n" +
      "  npm ci",
  );
  process.exit(1);
}

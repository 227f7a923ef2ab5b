#!/usr/bin/env -S node --max-semi-space-size=8 --initial-old-space-size=128
// Shim to the built CLI; installed as `kubeward` and as `kubectl-ward` (kubectl plugin).
const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  console.error(`kubeward needs Node >= 22 (this is ${process.versions.node}).`);
  process.exit(2);
}
// React picks its production build at import time: set it before anything loads react.
process.env.NODE_ENV ??= "production";
// V8 reads its generation sizes only when the process starts, so the shebang and `npm start`
// pass src/util/heap.ts STARTUP_FLAGS on node's command line (test/unit/startup-flags.test.ts
// keeps the three in step).
// Heap growth bounded before the heap grows (src/util/heap.ts: peak memory of a first analysis).
const { tuneHeap } = await import("../dist/src/util/heap.js");
tuneHeap();
const { main } = await import("../dist/src/cli.js");
process.exitCode = await main(process.argv.slice(2));
// Done: whatever a source left running (a socket, a credential plugin) must not keep the
// process alive after `q` or a finished report — one second to flush, then exit.
setTimeout(() => process.exit(), 1000).unref();

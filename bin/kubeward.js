#!/usr/bin/env node
// Shim to the built CLI; installed as `kubeward` and as `kubectl-ward` (kubectl plugin).
const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  console.error(`kubeward needs Node >= 22 (this is ${process.versions.node}).`);
  process.exit(2);
}
// React picks its production build at import time: set it before anything loads react.
process.env.NODE_ENV ??= "production";
// V8 sizes its young generation when the process starts (up to 128 MB at 150,000 pods, ~90 MB
// of it resident); a flag set later is ignored. So the shim runs the CLI in a child node with
// the flag (src/util/heap.ts STARTUP_FLAGS), passing the terminal, signals and exit code through.
const { STARTUP_FLAGS } = await import("../dist/src/util/heap.js");
if (!STARTUP_FLAGS.every((f) => process.execArgv.includes(f))) {
  const { spawn } = await import("node:child_process");
  const child = spawn(process.execPath, [...process.execArgv, ...STARTUP_FLAGS, ...process.argv.slice(1)], {
    stdio: "inherit",
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    process.exit(code ?? 1);
  });
  await new Promise(() => {}); // the child's exit ends this process
}
// Heap growth bounded before the heap grows (src/util/heap.ts: peak memory of a first analysis).
const { tuneHeap } = await import("../dist/src/util/heap.js");
tuneHeap();
const { main } = await import("../dist/src/cli.js");
process.exitCode = await main(process.argv.slice(2));

// Entry of the bundled CLI (npm run dist): what bin/kubeward.js does, minus the Node
// version check (the executable carries its own Node).
import { main } from "../dist/src/cli.js";
import { tuneHeap } from "../dist/src/util/heap.js";

tuneHeap();
process.exitCode = await main(process.argv.slice(2));

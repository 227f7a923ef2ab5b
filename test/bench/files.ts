// --file ingest throughput (issue 14): a multi-document YAML dump of a synthetic
// cluster (kubectl get -o yaml shapes) of about `mb` MB, written to a temp file, then
// loadFiles() — size check, read, line mapping, YAML parse, field types, projection —
// timed as MB/s. The field-type check is also timed alone over the same objects.
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { loadFiles } from "../../src/cluster/files.js";
import { wrongField } from "../../src/cluster/validate.js";
import { syntheticCluster } from "./generate.js";

export interface FilesResult {
  targetMb: number;
  fileMb: number;
  documents: number;
  objects: number;
  problems: number;
  ingestMs: number;
  mbPerS: number;
  /** wrongField over every document's object, alone. */
  fieldTypesMs: number;
  peakRssMb: number;
}

export function benchFiles(mb: number): FilesResult {
  const target = mb * 1024 * 1024;
  const parts: string[] = [];
  const raws: unknown[] = [];
  let size = 0;
  // Pods scale the cluster; stop once the dump reaches the target size.
  for (const obj of syntheticCluster({ pods: Math.ceil(mb * 700), seed: 14 })) {
    const doc = `---\n${stringify(obj)}`;
    parts.push(doc);
    raws.push(obj);
    size += Buffer.byteLength(doc);
    if (size >= target) break;
  }
  const dir = mkdtempSync(join(tmpdir(), "kubeward-bench-files-"));
  const file = join(dir, "dump.yaml");
  writeFileSync(file, parts.join(""));
  parts.length = 0;
  const fileMb = statSync(file).size / 1024 / 1024;
  let t = performance.now();
  for (const r of raws) wrongField(r);
  const fieldTypesMs = performance.now() - t;
  raws.length = 0;
  globalThis.gc?.();
  t = performance.now();
  const loaded = loadFiles([file]);
  const ingestMs = performance.now() - t;
  const result: FilesResult = {
    targetMb: mb,
    fileMb: Math.round(fileMb * 10) / 10,
    documents: loaded.objects.length + loaded.problems.length,
    objects: loaded.objects.length,
    problems: loaded.problems.length,
    ingestMs: Math.round(ingestMs),
    mbPerS: Math.round((fileMb / (ingestMs / 1000)) * 10) / 10,
    fieldTypesMs: Math.round(fieldTypesMs),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  rmSync(dir, { recursive: true, force: true });
  return result;
}

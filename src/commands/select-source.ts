// Flags → the source to read: --demo, --file, or the live cluster; the demo when
// no kubeconfig exists (the header says so). Each source's module loads only when
// it is chosen: the TUI draws its first frame right after this, and the demo's
// objects or the file reader's YAML parser would delay it.
import { findKubeconfig } from "../cluster/kubeconfig.js";
import type { Source } from "../cluster/source.js";

export interface SourceFlags {
  demo: boolean;
  file: string[];
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  allNamespaces: boolean;
  /** false: no anonymous probe (--no-probe). */
  probe?: boolean;
  /** Files: where objects without a namespace go (default: `namespace`, else "default"). */
  defaultNamespace?: string;
  /** Scanner reports (trivy/grype JSON) read beside the source (--vulns). */
  vulns?: string[];
  /** Per-file size limit for --file, in bytes. */
  maxFileSize?: number;
}

/** "512MiB", "100M", "2g", "1048576" → bytes; a UsageError otherwise. */
export function parseSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b)?\s*$/i.exec(text);
  if (!m) throw new UsageError(`--max-file-size: not a size: ${text} (e.g. 512MiB, 100M, 1G)`);
  const unit = m[2]!.toLowerCase();
  const power = unit ? "kmgt".indexOf(unit) + 1 : 0;
  const bytes = Math.floor(Number(m[1]) * 1024 ** power);
  if (!(bytes > 0)) throw new UsageError(`--max-file-size must be more than 0: ${text}`);
  return bytes;
}

export class UsageError extends Error {}

export async function selectSource(flags: SourceFlags, mode: "tui" | "scan"): Promise<Source> {
  const source = await baseSource(flags, mode);
  if (!flags.vulns?.length) return source;
  const { WithScannerReports } = await import("../cluster/scanner-files.js");
  return new WithScannerReports(source, flags.vulns);
}

async function baseSource(flags: SourceFlags, mode: "tui" | "scan"): Promise<Source> {
  if (flags.demo && flags.file.length) throw new UsageError("--demo and --file cannot be used together");
  const demoInterval = mode === "tui" ? 4000 : 0;
  const demo = async (note?: string) => {
    const { DemoSource } = await import("../cluster/demo.js");
    return new DemoSource({ intervalMs: demoInterval, ...(note ? { note } : {}) });
  };
  if (flags.demo) return demo();
  if (flags.file.length) {
    const { FileSource } = await import("../cluster/files.js");
    const ns = flags.defaultNamespace ?? flags.namespace;
    return new FileSource(flags.file, {
      ...(ns ? { namespace: ns } : {}),
      ...(flags.maxFileSize ? { maxFileSize: flags.maxFileSize } : {}),
    });
  }
  const kubeconfig = findKubeconfig(flags.kubeconfig);
  if (!kubeconfig) {
    if (mode === "scan" || flags.context) {
      throw new UsageError(
        "no kubeconfig found (checked --kubeconfig, $KUBECONFIG and ~/.kube/config): pass --kubeconfig, --file or --demo",
      );
    }
    return demo("no kubeconfig found — showing the embedded demo");
  }
  // Cheap to create: client-node loads inside start(), after the first frame.
  const { LiveSource } = await import("../cluster/live.js");
  return new LiveSource({
    kubeconfig,
    ...(flags.context ? { context: flags.context } : {}),
    ...(flags.namespace && !flags.allNamespaces ? { namespace: flags.namespace } : {}),
    // A report lists once and ends on a fatal error; the TUI watches and shows errors in the header.
    watch: mode === "tui",
    onFatal: mode === "scan" ? "throw" : "report",
    ...(flags.probe === false ? { probe: false } : {}),
  });
}

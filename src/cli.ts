// flags (meow) → config → source → TUI or report (DESIGN §2).
// Only what every command needs loads up front; each command's modules load when it
// runs, so the TUI's first frame (views/first-frame.ts) waits for meow and nothing else.
import meow from "meow";
import type { AnalysisOptions } from "./analysis/engine.js";
import type { Severity } from "./analysis/finding.js";
import { DEMO_TRUSTED_REGISTRIES } from "./cluster/demo/trusted.js";
import type { Source } from "./cluster/source.js";
import type { FileConfig } from "./commands/config.js";
import type { OutputFormat } from "./commands/scan.js";
import { parseSize, type SourceFlags, selectSource, UsageError } from "./commands/select-source.js";
import { sanitize, sanitizeOutput } from "./util/sanitize.js";
import { kubewardVersion } from "./util/version.js";

const HELP = `
  Usage
    $ kubeward [source] [flags]              interactive triage UI (a text report when stdout is not a terminal)
    $ kubeward scan [source] [flags]         report for CI
    $ kubeward who-can VERB RESOURCE[/SUB]   subjects allowed an access, with the binding → role path
    $ kubeward reach --to NS/NAME            who can reach a workload (--from: what it can reach; --all: everything)
    $ kubeward contain POD -n NS --out DIR   containment bundle (runbook, manifests, evidence) for a suspect pod
    $ kubectl ward ...                       the same, as a kubectl plugin
    $ kubeward completion bash|zsh|fish      shell completion script (source <(kubeward completion bash))

  Source (default: the current kube context; the embedded demo when no kubeconfig exists)
    --demo                   the embedded demo cluster
    --file, -f PATH          manifests or kubectl dumps (file or directory; repeatable)
    --kubeconfig PATH        kubeconfig file (default: $KUBECONFIG, ~/.kube/config)
    --context NAME           kube context to use
    --namespace, -n NS       only this namespace (--file: objects without one go there, else "default")
    --all-namespaces, -A     every namespace (default)
    --vulns FILE             a scanner report read beside the source: \`trivy image --format json\` or
                             \`grype -o json\` output (repeatable; scan and UI)
    --no-probe               live: skip the anonymous probe (two GETs, /version and /api, without credentials)
    --max-file-size SIZE     per-file limit for --file, checked before reading (default 512MiB);
                             FIFOs and devices are refused

  Time limits (live)
    first request 60 s of silence · each list page 60 s of silence · an exec credential plugin
    30 s (KUBEWARD_EXEC_TIMEOUT=SECONDS), then it is killed · scan waits 60 s for every kind to
    list, then reports what is missing (exit 2) · q / Ctrl-C end kubeward at once

  UI flags
    --patch-dir DIR          where the UI's w key writes patches (default ./kubeward-patches)

  Scan flags
    --output, -o FORMAT      text | json | sarif (default text)
    --fail-on SEVERITY       exit 1 when a finding is at or above: critical | high | medium | low
    --patches DIR            write one patch per fix target into DIR and print the kubectl lines
    --allow-partial          exit 0/1 even when the report is partial (see Exit codes)
    --trusted-registries R   registries images may come from (comma-separated, repeatable)
    --config FILE            YAML settings, e.g. "trustedRegistries: [quay.io, registry.example.com/team]",
                             and accepted risks (exceptions:); default ./.kubeward.yaml, then
                             $XDG_CONFIG_HOME/kubeward/config.yaml
                             (the demo trusts registry.example.com, registry.k8s.io and quay.io unless told otherwise)
    --baseline FILE          an earlier --output json report: findings are new or unchanged, resolved
                             ones are listed, and --fail-on counts only new findings (also in the UI)
    --show-accepted          list accepted findings with the others and count them (a review)

  who-can flags
    --namespace, -n NS       the namespace of the access (default: cluster-wide grants only)
    --name NAME              one object (rules limited by resourceNames answer only then)
    --output, -o FORMAT      text | json

  reach flags
    --to NS/NAME             sources allowed to reach this workload (NS/KIND/NAME, an address or a CIDR too)
    --from NS/NAME           destinations this workload may reach
    --all                    every connection a NetworkPolicy decides, one line per peer pair
    --port N[/PROTO]         only this port (TCP unless /UDP or /SCTP)
    --output, -o FORMAT      text | json

  contain flags
    --namespace, -n NS       the pod's namespace (or write NS/POD)
    --out DIR                where to write the bundle (must not hold one already)

  Exit codes
    0 ok · 1 findings at or above --fail-on · 2 usage or input error, or a partial report:
    a kind forbidden, failing or not listed in time, or a file unreadable (verdicts that read
    it are unknown, never clean); --allow-partial keeps 0/1 then

  Examples
    $ kubeward --demo
    $ kubeward scan --file ./manifests --output sarif > kubeward.sarif
    $ kubeward scan --context prod --fail-on high --patches ./fixes
    $ kubeward who-can get secrets -n payments --demo
    $ kubeward reach --to shop/db --port 5432 --demo
    $ kubeward contain crypto-miner -n dev --out ./incident-42
`;

/** The commands, for completion. */
const COMMANDS = ["scan", "who-can", "reach", "contain", "completion"] as const;

function parseArgs(argv: string[]) {
  return meow(HELP, {
    importMeta: import.meta,
    version: kubewardVersion(),
    argv,
    allowUnknownFlags: false,
    flags: {
      demo: { type: "boolean", default: false },
      file: { type: "string", shortFlag: "f", isMultiple: true, default: [] },
      kubeconfig: { type: "string" },
      context: { type: "string" },
      namespace: { type: "string", shortFlag: "n" },
      allNamespaces: { type: "boolean", shortFlag: "A", default: false },
      output: {
        type: "string",
        shortFlag: "o",
        default: "text",
        choices: ["text", "json", "sarif"],
      },
      failOn: { type: "string", choices: ["critical", "high", "medium", "low", "info"] },
      patches: { type: "string" },
      name: { type: "string" },
      patchDir: { type: "string" },
      out: { type: "string" },
      trustedRegistries: { type: "string", isMultiple: true, default: [] },
      config: { type: "string" },
      baseline: { type: "string" },
      showAccepted: { type: "boolean", default: false },
      vulns: { type: "string", isMultiple: true, default: [] },
      probe: { type: "boolean", default: true },
      allowPartial: { type: "boolean", default: false },
      maxFileSize: { type: "string" },
      to: { type: "string" },
      from: { type: "string" },
      port: { type: "string" },
      all: { type: "boolean", default: false },
    },
  });
}

export type Cli = ReturnType<typeof parseArgs>;

function sourceFlags(cli: Cli): SourceFlags {
  const f = cli.flags;
  return {
    demo: f.demo,
    file: f.file,
    ...(f.kubeconfig ? { kubeconfig: f.kubeconfig } : {}),
    ...(f.context ? { context: f.context } : {}),
    ...(f.namespace ? { namespace: f.namespace } : {}),
    allNamespaces: f.allNamespaces,
    ...(f.vulns.length ? { vulns: f.vulns } : {}),
    ...(f.probe === false ? { probe: false } : {}),
    ...(f.maxFileSize ? { maxFileSize: parseSize(f.maxFileSize) } : {}),
  };
}

function analysisOptions(cli: Cli, source: Source, config: FileConfig): AnalysisOptions {
  const fromFlags = cli.flags.trustedRegistries
    .flatMap((r) => r.split(","))
    .map((r) => r.trim())
    .filter(Boolean);
  const fromFile = config.trustedRegistries;
  const trusted = [...new Set([...fromFlags, ...fromFile])];
  if (trusted.length === 0 && source.info.kind === "demo") return { trustedRegistries: DEMO_TRUSTED_REGISTRIES };
  return { trustedRegistries: trusted };
}

// Every CLI write goes through one sanitiser (issue 14): whatever a report, a patch
// command line or an error message carries from the cluster, no control byte reaches
// the terminal raw. JSON and SARIF escape control characters already, so they pass intact.
const io = {
  stdout: (s: string) => void process.stdout.write(sanitizeOutput(s)),
  stderr: (s: string) => void process.stderr.write(sanitizeOutput(s)),
};

/**
 * The interactive UI. Its first frame (the header, "connecting") is written before the
 * config, the analysis engines and Ink load (~1 s of module loading on a busy machine);
 * Ink's frames replace it. Whatever fails before Ink takes over leaves the alternate
 * screen first, so the message lands on the normal screen.
 */
async function tui(cli: Cli): Promise<number> {
  const source = await selectSource(sourceFlags(cli), "tui");
  const { showFirstFrame } = await import("../views/first-frame.js");
  const first = showFirstFrame(source.info, process.stdout);
  try {
    const [{ readConfig, applyTriage }, { Session }, { runTui }] = await Promise.all([
      import("./commands/triage-setup.js"),
      import("./commands/session.js"),
      import("../views/tui.js"),
    ]);
    const { config, path: configPath } = readConfig(cli.flags.config, true);
    const session = new Session(source, analysisOptions(cli, source, config));
    const configProblems = applyTriage(session, config, cli.flags);
    first.handOver();
    return await runTui(session, {
      ...(cli.flags.patchDir ? { patchDir: cli.flags.patchDir } : {}),
      configPath,
      configProblems,
      showAccepted: cli.flags.showAccepted,
    });
  } finally {
    first.restore();
  }
}

export async function main(argv: string[]): Promise<number> {
  // `kubeward scan | head`: a reader that stops early closes the pipe. That ends the run
  // quietly, as it does for other command-line tools, not with a stack trace.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
    process.exit(0);
  });
  let cli: Cli;
  try {
    cli = parseArgs(argv);
  } catch (err) {
    // meow throws for a bad --output/--fail-on value: a usage error, not a crash.
    io.stderr(`kubeward: ${sanitize((err as Error).message)}\n`);
    return 2;
  }
  const [command = "", ...rest] = cli.input;
  try {
    if (command === "__runtime") {
      // For bug reports and the executable's test: which Node, with which startup flags.
      io.stdout(
        `${JSON.stringify({ kubeward: kubewardVersion(), node: process.version, execArgv: process.execArgv })}\n`,
      );
      return 0;
    }
    if (command === "completion" || command === "__complete") {
      const completion = { help: HELP, commands: COMMANDS, kubeconfig: cli.flags.kubeconfig };
      const { runCompletion } = await import("./commands/completion.js");
      return runCompletion(command, rest, completion, io.stdout);
    }
    if (command === "scan" || (command === "" && !process.stdout.isTTY)) {
      if (rest.length) throw new UsageError(`unexpected argument: ${rest[0]}`);
      const [{ readConfig, applyTriage, problemLine }, { Session }, { runScan }] = await Promise.all([
        import("./commands/triage-setup.js"),
        import("./commands/session.js"),
        import("./commands/scan.js"),
      ]);
      const { config } = readConfig(cli.flags.config);
      const source = await selectSource(sourceFlags(cli), "scan");
      const session = new Session(source, analysisOptions(cli, source, config));
      for (const p of applyTriage(session, config, cli.flags)) io.stderr(`kubeward: ${sanitize(problemLine(p))}\n`);
      return await runScan(
        session,
        {
          output: cli.flags.output as OutputFormat,
          ...(cli.flags.failOn ? { failOn: cli.flags.failOn as Severity } : {}),
          ...(cli.flags.patches ? { patches: cli.flags.patches } : {}),
          showAccepted: cli.flags.showAccepted,
          syncTimeoutMs: 60_000,
          allowPartial: cli.flags.allowPartial,
        },
        io,
      );
    }
    if (command === "who-can") {
      const [{ parseWhoCan, runWhoCan }, { Session }] = await Promise.all([
        import("./commands/who-can.js"),
        import("./commands/session.js"),
      ]);
      const query = parseWhoCan(rest, { namespace: cli.flags.namespace, name: cli.flags.name });
      if (cli.flags.output === "sarif") throw new UsageError("who-can prints text or json");
      // -n is the query's namespace here: read every namespace, cluster-wide bindings answer too.
      // Files: objects without a namespace are in -n's namespace, as `kubectl apply -n` would put them.
      const source = await selectSource(
        {
          ...sourceFlags(cli),
          namespace: undefined,
          ...(cli.flags.namespace ? { defaultNamespace: cli.flags.namespace } : {}),
        },
        "scan",
      );
      const output = cli.flags.output === "json" ? "json" : "text";
      return await runWhoCan(new Session(source), query, { output, syncTimeoutMs: 60_000 }, io);
    }
    if (command === "reach") {
      const [{ parseReach, runReach }, { Session }] = await Promise.all([
        import("./commands/reach.js"),
        import("./commands/session.js"),
      ]);
      const f = cli.flags;
      const query = parseReach(rest, { to: f.to, from: f.from, port: f.port, all: f.all });
      if (f.output === "sarif") throw new UsageError("reach prints text or json");
      const source = await selectSource(sourceFlags(cli), "scan");
      const output = f.output === "json" ? "json" : "text";
      return await runReach(new Session(source), query, { output, syncTimeoutMs: 60_000 }, io);
    }
    if (command === "contain") {
      const [{ parseContain, runContain }, { readConfig }, { Session }] = await Promise.all([
        import("./commands/contain.js"),
        import("./commands/triage-setup.js"),
        import("./commands/session.js"),
      ]);
      const args = parseContain(rest, { namespace: cli.flags.namespace, out: cli.flags.out });
      // -n names the pod's namespace: read every namespace (bindings, the node's other pods), or just its own.
      const flags = sourceFlags(cli);
      const { config } = readConfig(cli.flags.config);
      const sources = await Promise.all(
        [undefined, args.namespace].map((namespace) => selectSource({ ...flags, namespace }, "scan")),
      );
      const session = (scoped: boolean) => {
        const source = sources[scoped ? 1 : 0]!;
        return new Session(source, analysisOptions(cli, source, config));
      };
      return await runContain(session, args, { syncTimeoutMs: 60_000 }, io);
    }
    if (command !== "") throw new UsageError(`unknown command: ${command} (try --help)`);
    return await tui(cli);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`kubeward: ${sanitize(err.message)}\n`);
      return 2;
    }
    // Invariant 4: a clear message, never a stack trace (KUBEWARD_DEBUG shows it).
    io.stderr(`kubeward: ${sanitize(err instanceof Error ? err.message : String(err))}\n`);
    if (process.env.KUBEWARD_DEBUG) io.stderr(`${(err as Error)?.stack ?? ""}\n`);
    return 2;
  }
}

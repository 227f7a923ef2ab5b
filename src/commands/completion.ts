// `kubeward completion bash|zsh|fish`: a completion script for commands, flags,
// severities, output formats and kube contexts. Contexts are read from the kubeconfig at
// completion time by `kubeward __complete contexts` (the YAML only: no API call, no client-node).
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { SEVERITIES } from "../analysis/finding.js";
import { findKubeconfig } from "../cluster/kubeconfig.js";

export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

export interface CompletionWords {
  commands: string[];
  /** Long flags as typed, `--output`. */
  flags: string[];
  severities: string[];
  outputs: string[];
}

/** Words to complete, from the CLI's help text (so a new flag is completed without a second list). */
export function completionWords(help: string, commands: readonly string[]): CompletionWords {
  const flags = [...new Set(help.match(/--[a-z][a-z-]*/g) ?? [])].sort();
  return {
    commands: [...commands],
    flags,
    severities: SEVERITIES.filter((s) => s !== "info"),
    outputs: ["text", "json", "sarif"],
  };
}

/** Context names of the kubeconfig kubeward would use (KUBECONFIG order, first wins). */
export function kubeContexts(kubeconfigFlag?: string): string[] {
  const where = findKubeconfig(kubeconfigFlag);
  const names = new Set<string>();
  for (const path of where?.paths ?? []) {
    try {
      const doc = parse(readFileSync(path, "utf8")) as { contexts?: { name?: unknown }[] } | null;
      for (const c of doc?.contexts ?? [])
        if (typeof c?.name === "string" && /^[\w.@:/-]+$/.test(c.name)) names.add(c.name);
    } catch {
      // an unreadable or malformed kubeconfig completes no contexts
    }
  }
  return [...names];
}

const words = (list: string[]): string => list.join(" ");

function bash(w: CompletionWords): string {
  return `# kubeward completion for bash: source <(kubeward completion bash)
_kubeward() {
  local cur prev cmd i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in -*) ;; *) cmd="\${COMP_WORDS[i]}"; break ;; esac
  done
  case "$prev" in
    --output|-o) COMPREPLY=($(compgen -W "${words(w.outputs)}" -- "$cur")); return ;;
    --fail-on) COMPREPLY=($(compgen -W "${words(w.severities)}" -- "$cur")); return ;;
    --context) COMPREPLY=($(compgen -W "$(kubeward __complete contexts 2>/dev/null)" -- "$cur")); return ;;
    --file|-f|--kubeconfig|--config|--patches|--patch-dir|--out|--baseline|--vulns) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  if [[ "$cmd" == "completion" ]]; then COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return; fi
  if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "${words(w.flags)}" -- "$cur")); return; fi
  if [[ -z "$cmd" ]]; then COMPREPLY=($(compgen -W "${words(w.commands)}" -- "$cur")); fi
}
complete -o default -F _kubeward kubeward kubectl-ward
`;
}

function zsh(w: CompletionWords): string {
  return `#compdef kubeward kubectl-ward
# kubeward completion for zsh: source <(kubeward completion zsh)
autoload -U +X bashcompinit && bashcompinit
${bash(w).split("\n").slice(1).join("\n")}`;
}

function fish(w: CompletionWords): string {
  const lines = [
    "# kubeward completion for fish: kubeward completion fish | source",
    "complete -c kubeward -f",
    `complete -c kubeward -n __fish_use_subcommand -a '${words(w.commands)}'`,
    "complete -c kubeward -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'",
  ];
  const valued: Record<string, string> = {
    output: `-xa '${words(w.outputs)}'`,
    "fail-on": `-xa '${words(w.severities)}'`,
    context: "-xa '(kubeward __complete contexts 2>/dev/null)'",
  };
  for (const flag of w.flags) {
    const name = flag.slice(2);
    lines.push(`complete -c kubeward -l ${name}${valued[name] ? ` ${valued[name]}` : ""}`);
  }
  return `${lines.join("\n")}\n`;
}

export function completionScript(shell: Shell, w: CompletionWords): string {
  return shell === "bash" ? bash(w) : shell === "zsh" ? zsh(w) : fish(w);
}

/** `kubeward completion SHELL` and the hidden `kubeward __complete contexts`. */
export function runCompletion(
  command: "completion" | "__complete",
  args: string[],
  cli: { help: string; commands: readonly string[]; kubeconfig?: string | undefined },
  out: (s: string) => void,
): number {
  if (command === "__complete") {
    if (args[0] === "contexts") for (const name of kubeContexts(cli.kubeconfig)) out(`${name}\n`);
    return 0;
  }
  const shell = args[0] as Shell;
  if (!SHELLS.includes(shell)) throw new Error(`completion: name a shell: ${SHELLS.join(", ")}`);
  out(completionScript(shell, completionWords(cli.help, cli.commands)));
  return 0;
}

// The prompt `x` opens: a reason (required), an optional expiry date, then who
// accepts (prefilled with the login name; emptied, the entry has no `by`). It owns the
// keys while open; the App shows its line in the status bar.
import { useState } from "react";
import { acceptInputError } from "../src/app/accept.js";
import { printable } from "../src/util/sanitize.js";

type Key = {
  return?: boolean;
  escape?: boolean;
  backspace?: boolean;
  delete?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  tab?: boolean;
};

interface PromptState {
  ids: string[];
  step: "reason" | "expires" | "by";
  reason: string;
  expires: string;
  by: string;
  error?: string;
}

export interface AcceptPrompt {
  active: boolean;
  open(ids: string[]): void;
  /** Handles a key while open. */
  input(input: string, key: Key): void;
  /** The status-bar line while open. */
  line(): string;
}

/**
 * `submit` writes the exception(s); it returns an error message to show (the prompt
 * stays open on the field to fix), or undefined when done.
 */
export function useAcceptPrompt(
  submit: (ids: string[], reason: string, expires: string, by: string) => string | undefined,
  defaultBy = "",
): AcceptPrompt {
  const [state, setState] = useState<PromptState | undefined>(undefined);
  return {
    active: state !== undefined,
    open: (ids) => setState({ ids, step: "reason", reason: "", expires: "", by: defaultBy }),
    input(input, key) {
      if (!state) return;
      if (key.escape) return setState(undefined);
      const field = state.step;
      if (key.return) {
        if (field === "reason") {
          if (!state.reason.trim()) return setState({ ...state, error: "a reason is required" });
          const { error: _, ...rest } = state;
          return setState({ ...rest, step: "expires" });
        }
        if (field === "expires") {
          // A bad date is said here, on its own field, not after the next one.
          const error = acceptInputError({ reason: state.reason, expires: state.expires });
          if (error) return setState({ ...state, error });
          return setState({ ...state, step: "by" });
        }
        const error = submit(state.ids, state.reason, state.expires, state.by);
        return setState(error ? { ...state, error } : undefined);
      }
      if (key.backspace || key.delete) {
        const { error: _, ...rest } = state;
        return setState({ ...rest, [field]: state[field].slice(0, -1) });
      }
      if (input && !key.ctrl && !key.meta && !key.tab) {
        const { error: _, ...rest } = state;
        // Printable text only: a pasted escape sequence never reaches the file.
        const text = printable(input);
        setState({ ...rest, [field]: state[field] + text });
      }
    },
    line() {
      if (!state) return "";
      const what = `accept ${state.ids.length} finding${state.ids.length === 1 ? "" : "s"}`;
      const body =
        state.step === "reason"
          ? `${what} · reason: ${state.reason}▏`
          : state.step === "expires"
            ? `${what} · expires${state.error ? "" : " (YYYY-MM-DD, Enter for none)"}: ${state.expires}▏`
            : `${what} · by${state.error ? "" : " (empty for nobody)"}: ${state.by}▏`;
      return `${body}  ${state.error ? `— ${state.error}` : "Enter next · Esc cancel"}`;
    },
  };
}

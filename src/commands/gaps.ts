// What the source could not read, per kind and scope (issue 14): the statuses in the
// store and the source's scope turned into KindGaps, which make the verdicts that read
// those kinds unknown (analysis/visibility.ts) and the report partial.
import { gapScope, type KindGap } from "../analysis/visibility.js";
import { kindInfo } from "../cluster/objects.js";
import type { Source, SourceProblem } from "../cluster/source.js";
import type { Store } from "../store/store.js";

/** The permission a forbidden status names ("missing permission: list pods in namespace x …"). */
function permissionIn(message: string | undefined): string | undefined {
  const m = /missing permission: (.*?)(?: \(showing the last list\))?$/.exec(message ?? "");
  return m?.[1];
}

export function kindGaps(store: Store, source: Source, scopeNamespace: string | undefined): KindGap[] {
  const gaps: KindGap[] = [];
  const narrowed = source.coverage?.() ?? new Map<string, string>();
  for (const kind of source.kinds) {
    const s = store.kindStatus(kind);
    const namespaced = kindInfo(kind)?.namespaced ?? true;
    const where: Pick<KindGap, "namespace"> = namespaced && scopeNamespace ? { namespace: scopeNamespace } : {};
    const state = s?.state as string | undefined;
    if (state === "not-installed") continue; // an optional API the server does not serve: nothing to read
    if (state === "forbidden") {
      const permission = permissionIn(s?.message);
      gaps.push({ kind, state: "forbidden", ...where, ...(permission ? { permission } : {}), ...msg(s?.message) });
    } else if (!s?.synced) {
      gaps.push({ kind, state: state === "error" ? "failed" : "incomplete", ...where, ...msg(s?.message) });
    } else {
      const only = narrowed.get(kind);
      // Listed in one namespace only (cluster-wide list forbidden): unknown everywhere else.
      if (only && !scopeNamespace)
        gaps.push({
          kind,
          state: "forbidden",
          except: only,
          message: `listed in namespace ${only} only`,
          permission: `list ${kindInfo(kind)?.plural ?? kind} at cluster scope`,
        });
    }
  }
  return gaps;
}

function msg(message: string | undefined): { message?: string } {
  return message ? { message } : {};
}

/** The gaps as report problems: `where` and `message` as before, plus kind, scope and permission. */
export function gapProblems(gaps: readonly KindGap[]): SourceProblem[] {
  return gaps.map((g) => ({
    where: `${g.kind} (${gapScope(g)})`,
    message: g.permission
      ? `${g.state}: missing permission ${g.permission}`
      : `${g.state}${g.message ? `: ${g.message}` : ""}`,
    kind: g.kind,
    state: g.state,
    scope: g.namespace ?? (g.except ? `all-except:${g.except}` : "cluster"),
    ...(g.permission ? { permission: g.permission } : {}),
  }));
}

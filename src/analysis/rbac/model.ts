// The RbacModel the engine publishes (models.ts), plus what the fixes need:
// for each finding, the grant it is about and how to fix it.
import { type KObject, type ResourceRef, refLabel } from "../../cluster/objects.js";
import { sh } from "../../util/shell.js";
import type { FixFragment } from "../engine.js";
import type { Finding } from "../finding.js";
import type { AccessPath, AccessQuery, RbacModel, SubjectRef } from "../models.js";
import type { RbacFixer } from "./fix.js";
import { narrowRole } from "./narrow.js";
import { subjectKey } from "./resolve.js";
import { BINDING_CHECKS } from "./risky/index.js";
import type { Rule } from "./rules.js";
import { type AccessIndex, identitiesOf } from "./who-can.js";

export interface FixRecord {
  mode: "narrow" | "unbind";
  binding: ResourceRef;
  role: ResourceRef;
  roleObject: KObject | undefined;
  /** Subjects of the binding, named in the explanation of an unbind. */
  alsoBinds: number;
  /** Why the binding goes rather than the role being narrowed. */
  reason: string;
}

function isQuery(q: unknown): q is AccessQuery {
  const o = q as AccessQuery | undefined;
  return typeof o?.verb === "string" && typeof o.resource === "string" && o.verb !== "" && o.resource !== "";
}

export class RbacState implements RbacModel, RbacFixer {
  constructor(
    private readonly index: AccessIndex,
    /** Every risky check per subject key, implied ones (under cluster-admin) included. */
    private readonly checksBySubject: ReadonlyMap<string, ReadonlySet<string>>,
    private readonly fixes: ReadonlyMap<string, FixRecord>,
    private readonly ruleRisky: (rule: Rule) => boolean,
  ) {}

  whoCan(query: AccessQuery): AccessPath[] {
    return isQuery(query) ? this.index.whoCan(query) : [];
  }

  can(subject: SubjectRef, query: AccessQuery): boolean {
    return isQuery(query) && typeof subject?.name === "string" && this.index.can(subject, query);
  }

  /** The subject's own risky checks and its groups' (binding-level checks stay with the group). */
  riskyChecksOf(subject: SubjectRef): string[] {
    if (typeof subject?.name !== "string") return [];
    const out = new Set<string>();
    identitiesOf(subject).forEach((id, i) => {
      for (const c of this.checksBySubject.get(subjectKey(id)) ?? []) if (i === 0 || !BINDING_CHECKS.has(c)) out.add(c);
    });
    return [...out].sort();
  }

  fixFor(finding: Finding): FixFragment | undefined {
    const rec = this.fixes.get(finding.id);
    if (!rec) return undefined;
    if (rec.mode === "narrow" && rec.roleObject) {
      const { manifest, removed } = narrowRole(rec.roleObject, this.ruleRisky);
      return {
        kind: "manifest",
        manifest,
        explain: `${rec.role.kind} ${rec.role.name}: removed ${removed.join("; ") || "the risky rules"}`,
        mayBreak: `the workload using this role may need some of the removed permissions: add back only what it uses, listed explicitly`,
      };
    }
    const b = rec.binding;
    const others =
      rec.alsoBinds > 1
        ? ` (it also binds ${rec.alsoBinds - 1} other subject(s): re-create it without this one if they need it)`
        : "";
    return {
      kind: "command",
      command: b.namespace
        ? sh`kubectl delete ${`${b.kind.toLowerCase()}/${b.name}`} -n ${b.namespace}`
        : sh`kubectl delete ${`${b.kind.toLowerCase()}/${b.name}`}`,
      explain: `delete ${refLabel(b)} (→ ${rec.role.kind} ${rec.role.name}): ${rec.reason}${others}`,
      mayBreak: "the subject loses every permission of this binding: bind a narrower role first if it needs some",
    };
  }
}

// Every RBAC check fixes the same way: a narrowed role manifest when the role is
// the subject's own, else the binding's removal as a kubectl line (never applied).
// The engine's model remembers which grant each finding is about.
import type { FixContext, FixFragment } from "../engine.js";
import type { Finding } from "../finding.js";

export interface RbacFixer {
  fixFor(finding: Finding): FixFragment | undefined;
}

export function rbacFix(finding: Finding, ctx: FixContext): FixFragment | undefined {
  const model = ctx.models.rbac;
  return typeof model?.fixFor === "function" ? model.fixFor(finding) : undefined;
}

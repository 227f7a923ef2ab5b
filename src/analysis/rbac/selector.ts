// metav1.LabelSelector matching (matchLabels AND matchExpressions), as used by
// ClusterRole aggregationRule.clusterRoleSelectors.

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function expressionMatches(expr: unknown, labels: Record<string, string>): boolean {
  if (!isRecord(expr) || typeof expr.key !== "string") return false;
  const values = Array.isArray(expr.values) ? expr.values.filter((v): v is string => typeof v === "string") : [];
  const has = Object.hasOwn(labels, expr.key);
  switch (expr.operator) {
    case "In":
      return has && values.includes(labels[expr.key]!);
    case "NotIn":
      return !has || !values.includes(labels[expr.key]!);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    default:
      return false; // an unknown operator selects nothing, like the API server's validation
  }
}

/**
 * True when `labels` satisfy the selector. An empty selector ({}) matches
 * everything; a missing or malformed one matches nothing.
 */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  if (!isRecord(selector)) return false;
  if (selector.matchLabels !== undefined) {
    if (!isRecord(selector.matchLabels)) return false;
    for (const [k, v] of Object.entries(selector.matchLabels)) if (labels[k] !== v) return false;
  }
  if (selector.matchExpressions !== undefined) {
    if (!Array.isArray(selector.matchExpressions)) return false;
    for (const e of selector.matchExpressions) if (!expressionMatches(e, labels)) return false;
  }
  return true;
}

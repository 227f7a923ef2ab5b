// metav1.LabelSelector (NetworkPolicy selectors, ClusterRole aggregationRule): matchLabels AND every
// matchExpression. An empty selector ({}) matches everything; a selector the API
// server would reject (unknown operator, wrong types) matches nothing here, so a
// broken policy is never taken to allow traffic.
import { isRecord } from "../../util/record.js";

export type Labels = Readonly<Record<string, string>>;

export type Operator = "In" | "NotIn" | "Exists" | "DoesNotExist";

export interface Requirement {
  key: string;
  operator: Operator;
  values: readonly string[];
}

export interface Selector {
  /** matchLabels folded into In requirements with one value. */
  requirements: readonly Requirement[];
  /** True when the selector could not be understood: it matches nothing. */
  invalid: boolean;
}

export const MATCH_ALL: Selector = { requirements: [], invalid: false };
export const MATCH_NONE: Selector = { requirements: [], invalid: true };

const OPERATORS = new Set<string>(["In", "NotIn", "Exists", "DoesNotExist"]);

/** Parses a raw label selector. `null`/`undefined` must be handled by the caller (its meaning depends on the field). */
export function parseSelector(raw: unknown): Selector {
  if (!isRecord(raw)) return MATCH_NONE;
  const requirements: Requirement[] = [];
  const { matchLabels, matchExpressions } = raw;
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isRecord(matchLabels)) return MATCH_NONE;
    for (const [key, value] of Object.entries(matchLabels)) {
      if (typeof value !== "string") return MATCH_NONE;
      requirements.push({ key, operator: "In", values: [value] });
    }
  }
  if (matchExpressions !== undefined && matchExpressions !== null) {
    if (!Array.isArray(matchExpressions)) return MATCH_NONE;
    for (const e of matchExpressions) {
      if (!isRecord(e) || typeof e.key !== "string" || typeof e.operator !== "string") return MATCH_NONE;
      if (!OPERATORS.has(e.operator)) return MATCH_NONE;
      const values = Array.isArray(e.values) ? e.values.filter((v): v is string => typeof v === "string") : [];
      requirements.push({ key: e.key, operator: e.operator as Operator, values });
    }
  }
  return { requirements, invalid: false };
}

function has(labels: Labels, key: string): boolean {
  return Object.hasOwn(labels, key);
}

function satisfies(r: Requirement, labels: Labels): boolean {
  switch (r.operator) {
    case "In":
      return has(labels, r.key) && r.values.includes(labels[r.key]!);
    case "NotIn":
      // NotIn matches objects without the key too (apimachinery labels.Selector).
      return !has(labels, r.key) || !r.values.includes(labels[r.key]!);
    case "Exists":
      return has(labels, r.key);
    case "DoesNotExist":
      return !has(labels, r.key);
  }
}

export function matches(selector: Selector, labels: Labels): boolean {
  if (selector.invalid) return false;
  return selector.requirements.every((r) => satisfies(r, labels));
}

/** True for a selector that matches every label set (`{}`). */
export function isEmpty(selector: Selector): boolean {
  return !selector.invalid && selector.requirements.length === 0;
}

/** Human form, kubectl style: `app=web,tier in (a,b),!legacy`. */
export function describeSelector(selector: Selector): string {
  if (selector.invalid) return "<invalid selector>";
  if (selector.requirements.length === 0) return "<all>";
  return selector.requirements
    .map((r) => {
      switch (r.operator) {
        case "In":
          return r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${r.values.join(",")})`;
        case "NotIn":
          return `${r.key} notin (${r.values.join(",")})`;
        case "Exists":
          return r.key;
        default:
          return `!${r.key}`;
      }
    })
    .join(",");
}

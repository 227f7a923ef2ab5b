// PolicyRule semantics as the Kubernetes RBAC authorizer applies them
// (verbs, apiGroups, resources with subresources, resourceNames, nonResourceURLs,
// and `*` wherever it may appear). Rules arrive from a hostile cluster: every
// field is read defensively.

/** A PolicyRule with every list present and of the right type. */
export interface Rule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : [];
}

export function normalizeRule(raw: unknown): Rule | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  const rule: Rule = {
    verbs: strings(r.verbs),
    apiGroups: strings(r.apiGroups),
    resources: strings(r.resources),
    resourceNames: strings(r.resourceNames),
    nonResourceURLs: strings(r.nonResourceURLs),
  };
  return rule.verbs.length ? rule : undefined;
}

export function normalizeRules(raw: unknown): Rule[] {
  if (!Array.isArray(raw)) return [];
  const out: Rule[] = [];
  for (const r of raw) {
    const rule = normalizeRule(r);
    if (rule) out.push(rule);
  }
  return out;
}

/** A request as the authorizer sees it; `resource` may carry a subresource ("pods/exec"). */
export interface Access {
  verb: string;
  /** Undefined: any group (the caller does not know the resource's group). */
  apiGroup?: string;
  resource: string;
  name?: string;
}

export function verbMatches(rule: Rule, verb: string): boolean {
  return rule.verbs.includes("*") || rule.verbs.includes(verb);
}

export function groupMatches(rule: Rule, group: string | undefined): boolean {
  return group === undefined || rule.apiGroups.includes("*") || rule.apiGroups.includes(group);
}

/** One rule resource against a requested "res" or "res/sub" (k8s ResourceMatches). */
export function resourceEntryMatches(ruleResource: string, requested: string): boolean {
  if (ruleResource === "*" || ruleResource === requested) return true;
  const slash = requested.indexOf("/");
  if (slash < 0) return false;
  const sub = requested.slice(slash + 1);
  if (ruleResource.startsWith("*/") && ruleResource.slice(2) === sub) return true;
  return ruleResource.endsWith("/*") && requested.startsWith(ruleResource.slice(0, -1));
}

export function resourceMatches(rule: Rule, requested: string): boolean {
  return rule.resources.some((r) => resourceEntryMatches(r, requested));
}

/** resourceNames limit a rule to those objects; a request without a name never matches them. */
export function nameMatches(rule: Rule, name: string | undefined): boolean {
  return rule.resourceNames.length === 0 || (name !== undefined && rule.resourceNames.includes(name));
}

export function nonResourceURLMatches(rule: Rule, path: string): boolean {
  return rule.nonResourceURLs.some(
    (u) => u === "*" || u === path || (u.endsWith("*") && path.startsWith(u.slice(0, -1))),
  );
}

/** Does this rule allow the resource request? */
export function ruleAllows(rule: Rule, a: Access): boolean {
  return (
    verbMatches(rule, a.verb) &&
    groupMatches(rule, a.apiGroup) &&
    resourceMatches(rule, a.resource) &&
    nameMatches(rule, a.name)
  );
}

/** Does this rule allow the non-resource request (e.g. get /metrics)? */
export function ruleAllowsURL(rule: Rule, verb: string, path: string): boolean {
  return verbMatches(rule, verb) && nonResourceURLMatches(rule, path);
}

/** `*` verbs on `*` resources in `*` groups: cluster-admin wherever it is bound. */
export function isFullWildcard(rule: Rule): boolean {
  return rule.verbs.includes("*") && rule.apiGroups.includes("*") && rule.resources.includes("*");
}

export function hasWildcard(rule: Rule): boolean {
  return [rule.verbs, rule.apiGroups, rule.resources].some((l) => l.includes("*"));
}

/** The rule as written, short: "get,list secrets", "* *.*", "get /metrics". */
export function formatRule(rule: Rule): string {
  const verbs = rule.verbs.join(",");
  if (rule.nonResourceURLs.length && !rule.resources.length) return `${verbs} ${rule.nonResourceURLs.join(",")}`;
  const groups = rule.apiGroups.filter((g) => g !== "");
  const res = rule.resources
    .map((r) => (groups.length ? `${r}${rule.apiGroups.length === 1 ? `.${groups[0]}` : ""}` : r))
    .join(",");
  const groupNote =
    groups.length && rule.apiGroups.length > 1 ? ` [${rule.apiGroups.map((g) => g || "core").join(",")}]` : "";
  const names = rule.resourceNames.length ? ` (names: ${rule.resourceNames.join(",")})` : "";
  return `${verbs} ${res}${groupNote}${names}`;
}

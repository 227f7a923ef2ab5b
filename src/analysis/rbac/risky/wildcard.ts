// `*` in verbs, apiGroups or resources grants today's and every future resource or verb.
import { rbacFix } from "../fix.js";
import { hasWildcard, isFullWildcard, type Rule } from "../rules.js";
import { GOOD_PRACTICES, type RiskyCheck } from "./check.js";

// Non-resource rules (nonResourceURLs) only reach health and discovery endpoints: not counted.
const risky = (rule: Rule) => rule.resources.length > 0 && hasWildcard(rule) && !isFullWildcard(rule);

export const wildcard: RiskyCheck = {
  meta: {
    id: "rbac.wildcard",
    title: "Wildcard in a role rule",
    severity: "high",
    panel: "rbac",
    description:
      "A rule uses `*` for verbs, API groups or resources, so it grants every present and future verb or resource (custom resources included). High cluster-wide, medium in a namespace. A full `*`/`*`/`*` rule is reported as rbac.cluster-admin instead.",
    remediation: "List the verbs, API groups and resources explicitly.",
    references: ["CIS 5.1.3", `${GOOD_PRACTICES}: least privilege`],
  },
  namespaced: "medium",
  ruleRisky: risky,
  evidence: (_s, grants) => grants.filter((g) => risky(g.rule)),
  what: (scope) => `holds wildcard permissions ${scope === "cluster" ? "cluster-wide" : `in namespace ${scope}`}`,
  fix: rbacFix,
};

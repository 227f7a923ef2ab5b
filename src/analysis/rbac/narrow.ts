// Narrows a role for a fix: drops the risky verbs of each rule, resource by
// resource, and whole rules that are risky through a wildcard (their intent
// cannot be guessed; the comment asks the user to list what is needed).
import type { KObject } from "../../cluster/objects.js";
import type { Json } from "../../util/record.js";
import { hasWildcard, normalizeRule, type Rule } from "./rules.js";

export interface Narrowed {
  manifest: Json;
  removed: string[];
}

export function narrowRole(role: KObject, risky: (rule: Rule) => boolean): Narrowed {
  const rules: Json[] = [];
  const removed: string[] = [];
  for (const raw of Array.isArray(role.rules) ? (role.rules as unknown[]) : []) {
    const rule = normalizeRule(raw);
    if (!rule?.resources.length || !risky(rule)) {
      if (raw && typeof raw === "object") rules.push(raw as Json);
      continue;
    }
    if (hasWildcard(rule)) {
      removed.push(`${rule.verbs.join(",")} on ${rule.resources.join(",")} (wildcard rule)`);
      continue;
    }
    // resource → verbs that stay; resources with the same kept verbs share a rule again.
    const byVerbs = new Map<string, string[]>();
    for (const res of rule.resources) {
      const kept = rule.verbs.filter((v) => !risky({ ...rule, verbs: [v], resources: [res] }));
      const dropped = rule.verbs.filter((v) => !kept.includes(v));
      if (dropped.length) removed.push(`${dropped.join(",")} on ${res}`);
      if (!kept.length) continue;
      const key = kept.join(",");
      byVerbs.set(key, [...(byVerbs.get(key) ?? []), res]);
    }
    for (const [verbs, resources] of byVerbs) {
      const out: Json = { apiGroups: rule.apiGroups, resources, verbs: verbs.split(",") };
      if (rule.resourceNames.length) out.resourceNames = rule.resourceNames;
      rules.push(out);
    }
  }
  const metadata: Json = { name: role.metadata.name };
  if (role.metadata.namespace) metadata.namespace = role.metadata.namespace;
  if (Object.keys(role.metadata.labels).length) metadata.labels = role.metadata.labels;
  if (Object.keys(role.metadata.annotations).length) metadata.annotations = role.metadata.annotations;
  return { manifest: { apiVersion: role.apiVersion, kind: role.kind, metadata, rules }, removed };
}

// Names Kubernetes would reject (apimachinery validation): an object from a file
// may carry any string, the API server would refuse it. Such an object is reported
// as a problem and none of its values is printed into a command (DESIGN §4).
import { isRecord } from "../util/record.js";
import { isDnsLabel, isDnsSubdomain } from "../util/shell.js";
import type { KObject } from "./objects.js";
import { POD_TEMPLATE_PATHS } from "./objects.js";

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** RFC 1123 label (Namespace, Service, container names): at most 63 characters. */
export const dns1123Label = isDnsLabel;

/** RFC 1123 subdomain (most object names): dot-separated labels, at most 253 characters. */
export const dns1123Subdomain = isDnsSubdomain;

/** Path segment names (RBAC kinds): not "." or "..", no "/" or "%"; control characters refused too. */
export function pathSegmentName(s: string): boolean {
  return s.length > 0 && s !== "." && s !== ".." && !/[/%]/.test(s) && !CONTROL.test(s);
}

const PATH_SEGMENT_KINDS = new Set(["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"]);
const LABEL_KINDS = new Set(["Namespace", "Service"]);

/** Why `name` is not a valid name for a `kind` object, or undefined when it is. */
export function nameProblem(kind: string, name: string): string | undefined {
  if (PATH_SEGMENT_KINDS.has(kind))
    return pathSegmentName(name) ? undefined : "is not a valid path segment name (no '/', '%' or control characters)";
  if (LABEL_KINDS.has(kind))
    return dns1123Label(name) ? undefined : "is not a valid DNS-1123 label (lowercase letters, digits and '-')";
  return dns1123Subdomain(name)
    ? undefined
    : "is not a valid DNS-1123 subdomain (lowercase letters, digits, '-' and '.')";
}

/** Why `namespace` is not a valid namespace name, or undefined. */
export function namespaceProblem(namespace: string): string | undefined {
  return nameProblem("Namespace", namespace);
}

/**
 * Why `image` cannot be a container image the API accepts as written, or undefined. The
 * API only refuses surrounding whitespace; kubeward also refuses whitespace inside and
 * control characters, which no registry reference has.
 */
export function imageProblem(image: string): string | undefined {
  if (image.trim().length === 0) return "is empty";
  if (CONTROL.test(image) || /\s/.test(image)) return "contains whitespace or control characters";
  return undefined;
}

/** Whether every value of a reference is one Kubernetes would accept (so it may go into a command). */
export function validRef(ref: { kind: string; namespace?: string | undefined; name: string }): boolean {
  return !nameProblem(ref.kind, ref.name) && (ref.namespace === undefined || !namespaceProblem(ref.namespace));
}

function podSpecOf(obj: KObject): Record<string, unknown> | undefined {
  const path = POD_TEMPLATE_PATHS[obj.kind];
  if (!path) return undefined;
  let node: unknown = obj;
  for (const p of path) node = isRecord(node) ? node[p] : undefined;
  return isRecord(node) ? node : undefined;
}

const show = (s: string) => JSON.stringify(s);

/** What in `obj` Kubernetes would reject: its name, namespace, container names and images, binding subjects. */
export function objectProblems(obj: KObject): string[] {
  const out: string[] = [];
  const name = obj.metadata.name;
  const bad = nameProblem(obj.kind, name);
  if (bad) out.push(`${obj.kind} name ${show(name)} ${bad}`);
  const ns = obj.metadata.namespace;
  if (ns !== undefined) {
    const badNs = namespaceProblem(ns);
    if (badNs) out.push(`namespace ${show(ns)} ${badNs}`);
  }
  const spec = podSpecOf(obj);
  for (const list of ["initContainers", "containers", "ephemeralContainers"]) {
    const items = spec?.[list];
    if (!Array.isArray(items)) continue;
    for (const c of items) {
      if (!isRecord(c)) continue;
      if (typeof c.name === "string" && !dns1123Label(c.name))
        out.push(`container name ${show(c.name)} is not a valid DNS-1123 label`);
      if (typeof c.image === "string") {
        const badImage = imageProblem(c.image);
        if (badImage) out.push(`image ${show(c.image)} ${badImage}`);
      }
    }
  }
  if (obj.kind === "RoleBinding" || obj.kind === "ClusterRoleBinding") {
    const subjects = Array.isArray(obj.subjects) ? obj.subjects : [];
    for (const s of subjects) {
      if (!isRecord(s) || s.kind !== "ServiceAccount") continue;
      if (typeof s.name === "string" && !dns1123Subdomain(s.name))
        out.push(`ServiceAccount subject ${show(s.name)} is not a valid DNS-1123 subdomain`);
      if (typeof s.namespace === "string" && s.namespace && namespaceProblem(s.namespace))
        out.push(`ServiceAccount subject namespace ${show(s.namespace)} is not a valid DNS-1123 label`);
    }
  }
  return out;
}

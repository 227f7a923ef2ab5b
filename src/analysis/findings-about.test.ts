import { describe, expect, it } from "vitest";
import type { ResourceRef } from "../cluster/objects.js";
import { type Finding, makeFinding } from "./finding.js";
import { findingsAbout, findingsAboutAny } from "./findings-about.js";

const meta = {
  id: "pod.privileged",
  title: "t",
  severity: "high" as const,
  panel: "pods" as const,
  description: "",
  remediation: "",
  references: [],
};
const ref = (kind: string, name: string): ResourceRef => ({ apiVersion: "v1", kind, namespace: "t", name });
const pod = ref("Pod", "p");
const deploy = ref("Deployment", "d");
const sa = ref("ServiceAccount", "s");

function on(resource: ResourceRef, extra: Partial<Finding> = {}): Finding {
  return { ...makeFinding({ meta, resource, message: `${resource.kind}/${resource.name}` }), ...extra };
}

describe("findingsAbout", () => {
  const list = [
    on(pod, { fix: { target: deploy, type: "strategic" } }),
    on(deploy),
    on(sa, { related: [pod, pod] }),
    on(ref("Pod", "other")),
  ];

  it("finds findings on a ref or naming it in related, in list order, each once", () => {
    expect(findingsAbout(list, pod)).toEqual([list[0], list[2]]);
    expect(findingsAbout(list, deploy)).toEqual([list[1]]);
    expect(findingsAbout(list, pod, (f) => f.resource.kind === "ServiceAccount")).toEqual([list[2]]);
  });

  it("findingsAboutAny adds fix targets and unions several refs without repeats", () => {
    expect(findingsAboutAny(list, [deploy])).toEqual([list[0], list[1]]);
    expect(findingsAboutAny(list, [pod, deploy])).toEqual([list[0], list[1], list[2]]);
    expect(findingsAboutAny(list, [ref("Pod", "none")])).toEqual([]);
  });

  it("re-indexes when the list grows", () => {
    const growing = [on(pod)];
    expect(findingsAbout(growing, pod)).toHaveLength(1);
    growing.push(on(pod));
    expect(findingsAbout(growing, pod)).toHaveLength(2);
  });
});

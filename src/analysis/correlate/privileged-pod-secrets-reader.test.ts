import { describe, expect, it } from "vitest";
import { analyzeWith, fakeEngine, fakeRbac, type Grant, sa } from "../../../test/support/fake-models.js";
import { deploymentWith, serviceAccountRaw } from "../../../test/support/objects.js";
import { podWith } from "../../../test/support/store.js";

const CHECK = "path.privileged-pod-secrets-reader";
const privileged = { containers: [{ name: "runner", image: "docker:27", securityContext: { privileged: true } }] };
const readsAll: Grant = { subject: sa("t", "runner"), verbs: ["get", "list"], resources: ["secrets"] };
const createsPods: Grant = { subject: sa("t", "runner"), verbs: ["create"], resources: ["pods"], namespace: "t" };
const nsExecOnly: Grant = { subject: sa("t", "runner"), verbs: ["create"], resources: ["pods/exec"], namespace: "t" };

function run(spec: Record<string, unknown>, grants: Grant[], extra: Record<string, unknown>[] = []) {
  const raws = [deploymentWith({ serviceAccountName: "runner", ...spec }), serviceAccountRaw("t", "runner"), ...extra];
  return analyzeWith(raws, [fakeEngine("rbac", fakeRbac(grants))]).result;
}

describe(CHECK, () => {
  it.each([
    ["privileged + reads all secrets", privileged, [readsAll], "privileged container"],
    ["hostPID + creates pods", { hostPID: true }, [createsPods], "hostPID"],
    [
      "hostPath + reads all secrets",
      { volumes: [{ name: "root", hostPath: { path: "/" } }] },
      [readsAll],
      "hostPath /",
    ],
  ])("finds %s, critical, chained to its parts", (_, spec, grants, words) => {
    const result = run(spec, grants);
    const f = result.findings.filter((x) => x.check === CHECK);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      severity: "critical",
      panel: "pods",
      resource: expect.objectContaining({ kind: "Deployment" }),
    });
    expect(f[0]!.message).toContain(words);
    // The chain names real findings of this pass: the token finding at least, the pod finding when pods reports it.
    const ids = new Set(result.findings.map((x) => x.id));
    const token = result.findings.find((x) => x.check === "secret.token-automount");
    expect(f[0]!.chain).toContain(token!.id);
    for (const id of f[0]!.chain!) expect(ids).toContain(id);
    const priv = result.findings.find((x) => x.check === "pod.privileged");
    if (priv && spec === privileged) expect(f[0]!.chain).toContain(priv.id);
    expect(f[0]!.related).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: "ServiceAccount", name: "runner" })]),
    );
  });

  it.each([
    ["the pod is not node-level", { containers: [{ name: "a", image: "a:1" }] }, [readsAll]],
    ["the account only execs", privileged, [nsExecOnly]],
    ["the token is not mounted", { ...privileged, automountServiceAccountToken: false }, [readsAll]],
    ["the account has nothing", privileged, []],
  ])("passes when %s", (_, spec, grants) => {
    expect(run(spec, grants).findings.filter((x) => x.check === CHECK)).toEqual([]);
  });

  it("reports a managed pod once, on its controller", () => {
    const pod = podWith(
      { serviceAccountName: "runner", ...privileged },
      {
        name: "web-abc",
        namespace: "t",
        uid: "p1",
        ownerReferences: [
          { apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "uid-deploy-t-web", controller: true },
        ],
      },
    );
    const f = run(privileged, [readsAll], [pod]).findings.filter((x) => x.check === CHECK);
    expect(f.map((x) => x.resource.kind)).toEqual(["Deployment"]);
  });

  it("is silent without the RBAC model", () => {
    const result = analyzeWith([deploymentWith(privileged)], []).result;
    expect(result.findings.filter((x) => x.check === CHECK)).toEqual([]);
  });
});

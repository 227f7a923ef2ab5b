import { describe, expect, it } from "vitest";
import { analyze } from "../../../test/support/store.js";
import { deploymentChain, kyvernoClusterPolicy } from "../../../test/support/supply.js";
import { planFixes } from "../../patch/plan.js";
import { checkCatalog } from "../registry.js";

const CHECK = "image.unverified";
type Json = Record<string, unknown>;
const ns = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: "v1",
  kind: "Namespace",
  metadata: { name, uid: `uid-ns-${name}`, labels },
});
const unverified = (raws: unknown[]) =>
  analyze(raws).result.findings.filter((f) => f.check === CHECK && f.resource.kind === "Deployment");
const WEB = () => [ns("shop"), ...deploymentChain("shop", "web", "ghcr.io/acme/web:1.0")];

describe(CHECK, () => {
  it("says nothing while no signature policy is in view", () => {
    expect(unverified(WEB())).toEqual([]);
  });

  it("Kyverno verifyImages in Enforce covers the image: no finding", () => {
    expect(
      unverified([...WEB(), kyvernoClusterPolicy({ imageReferences: ["ghcr.io/acme/*"], failureAction: "Enforce" })]),
    ).toEqual([]);
    // legacy spec.validationFailureAction, lower case as older policies write it
    expect(
      unverified([
        ...WEB(),
        kyvernoClusterPolicy({ imageReferences: ["ghcr.io/*"], validationFailureAction: "enforce" }),
      ]),
    ).toEqual([]);
  });

  it("Audit-only coverage is low and names the policy; no coverage is medium", () => {
    const audit = unverified([...WEB(), kyvernoClusterPolicy({ imageReferences: ["ghcr.io/acme/*"] })]);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ severity: "low" });
    expect(audit[0]!.message).toContain("only audited (ClusterPolicy verify-images)");
    const none = unverified([
      ...WEB(),
      kyvernoClusterPolicy({ imageReferences: ["docker.io/*"], failureAction: "Enforce" }),
    ]);
    expect(none[0]).toMatchObject({ severity: "medium" });
  });

  it("skipImageReferences, exclude by namespace and match by kind/namespace decide coverage", () => {
    const skip = kyvernoClusterPolicy({
      imageReferences: ["ghcr.io/*"],
      skip: ["ghcr.io/acme/web*"],
      failureAction: "Enforce",
    });
    expect(unverified([...WEB(), skip])).toHaveLength(1);
    const excluded = kyvernoClusterPolicy({
      imageReferences: ["ghcr.io/*"],
      failureAction: "Enforce",
      exclude: { any: [{ resources: { kinds: ["Pod"], namespaces: ["sh*"] } }] },
    });
    expect(unverified([...WEB(), excluded])).toHaveLength(1);
    const otherNs = kyvernoClusterPolicy({
      imageReferences: ["ghcr.io/*"],
      failureAction: "Enforce",
      match: { any: [{ resources: { kinds: ["Pod"], namespaces: ["payments"] } }] },
    });
    expect(unverified([...WEB(), otherNs])).toHaveLength(1);
    const onDeployments = kyvernoClusterPolicy({
      imageReferences: ["ghcr.io/*"],
      failureAction: "Enforce",
      match: { all: [{ resources: { kinds: ["apps/v1/Deployment"] } }] },
    });
    expect(unverified([...WEB(), onDeployments])).toEqual([]);
    const onJobs = kyvernoClusterPolicy({
      imageReferences: ["ghcr.io/*"],
      failureAction: "Enforce",
      match: { any: [{ resources: { kinds: ["Job"] } }] },
    });
    expect(unverified([...WEB(), onJobs])).toHaveLength(1);
  });

  it("a namespaced Kyverno Policy covers only its namespace", () => {
    const policy = {
      ...kyvernoClusterPolicy({ imageReferences: ["ghcr.io/*"], failureAction: "Enforce" }),
      kind: "Policy",
    } as unknown as Json & { metadata: Json };
    (policy.metadata as Json).namespace = "payments";
    expect(unverified([...WEB(), policy])).toHaveLength(1);
    (policy.metadata as Json).namespace = "shop";
    expect(unverified([...WEB(), policy])).toEqual([]);
  });

  it("Kyverno ImageValidatingPolicy: matchImageReferences globs, validationActions Deny vs Audit, namespaceSelector", () => {
    const ivpol = (actions: string[], glob = "ghcr.io/acme/*", nsSel?: Json) => ({
      apiVersion: "policies.kyverno.io/v1",
      kind: "ImageValidatingPolicy",
      metadata: { name: "ivpol", uid: "uid-ivpol" },
      spec: {
        validationActions: actions,
        matchImageReferences: [{ glob }],
        ...(nsSel ? { matchConstraints: { namespaceSelector: nsSel, resourceRules: [{ resources: ["pods"] }] } } : {}),
        attestors: [{ name: "cosign", cosign: { key: { data: "x" } } }],
        validations: [{ expression: "true" }],
      },
    });
    expect(unverified([...WEB(), ivpol(["Deny"])])).toEqual([]);
    expect(unverified([...WEB(), ivpol(["Audit"])])[0]?.severity).toBe("low");
    expect(unverified([...WEB(), ivpol(["Deny"], "docker.io/*")])[0]?.severity).toBe("medium");
    expect(unverified([...WEB(), ivpol(["Deny"], "ghcr.io/*", { matchLabels: { tier: "prod" } })])).toHaveLength(1);
  });

  it("sigstore ClusterImagePolicy applies only in namespaces labelled policy.sigstore.dev/include=true; warn mode audits", () => {
    const cip = (glob: string, mode?: string) => ({
      apiVersion: "policy.sigstore.dev/v1beta1",
      kind: "ClusterImagePolicy",
      metadata: { name: "signed", uid: "uid-cip" },
      spec: {
        images: [{ glob }],
        ...(mode ? { mode } : {}),
        authorities: [{ keyless: { url: "https://fulcio.sigstore.dev" } }],
      },
    });
    const labelled = [
      ns("shop", { "policy.sigstore.dev/include": "true" }),
      ...deploymentChain("shop", "web", "ghcr.io/acme/web:1.0"),
    ];
    expect(unverified([...WEB(), cip("ghcr.io/**")])).toHaveLength(1); // namespace not opted in
    expect(unverified([...labelled, cip("ghcr.io/**")])).toEqual([]);
    expect(unverified([...labelled, cip("ghcr.io/*")])).toHaveLength(1); // * stays within one path segment
    expect(unverified([...labelled, cip("ghcr.io/acme/*")])).toEqual([]);
    expect(unverified([...labelled, cip("ghcr.io/**", "warn")])[0]?.severity).toBe("low");
  });

  it("the fix is one Kyverno ClusterPolicy manifest in Audit mode for the registries in use, with a placeholder key", () => {
    const { store, result } = analyze([
      ...WEB(),
      ...deploymentChain("shop", "db", "postgres:16"),
      kyvernoClusterPolicy({ imageReferences: ["quay.io/*"], failureAction: "Enforce" }),
    ]);
    const findings = result.findings.filter((f) => f.check === CHECK);
    expect(findings.every((f) => f.fix?.type === "manifest" && f.fix.target.name === "kubeward-verify-images")).toBe(
      true,
    );
    const plans = planFixes(findings, store, checkCatalog(), result.models);
    expect(plans).toHaveLength(1);
    const body = plans[0]!.body as Json;
    expect(body).toMatchObject({ apiVersion: "kyverno.io/v1", kind: "ClusterPolicy" });
    const vi = ((body.spec as Json).rules as Json[])[0]!.verifyImages as Json[];
    expect(vi[0]).toMatchObject({ imageReferences: ["docker.io/*", "ghcr.io/*"], failureAction: "Audit" });
    expect(JSON.stringify(vi[0])).toContain("REPLACE-WITH-YOUR-COSIGN-PUBLIC-KEY");
    expect(plans[0]!.mayBreak.join(" ")).toMatch(/Enforce.*blocks/);
  });
});

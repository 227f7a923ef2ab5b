import { describe, expect, it } from "vitest";
import { DIGEST as D, withImage } from "../../../test/support/objects.js";
import { analyze } from "../../../test/support/store.js";
import { planFixes } from "../../patch/plan.js";
import { renderPatch } from "../../patch/render.js";
import { checkCatalog } from "../registry.js";

const CHECK = "image.no-digest";
const found = (image: unknown) => analyze([withImage(image)]).result.findings.filter((f) => f.check === CHECK);

describe(CHECK, () => {
  it.each([["nginx:1.27"], ["nginx"], ["quay.io/prometheus/node-exporter:v1.8.2"]])("flags %s", (image) => {
    const f = found(image);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe("low");
    // kubeward does not call registries: the fix is a command to run, not a patch.
    expect(f[0]!.fix?.type).toBe("none");
  });

  it.each([[`nginx@${D}`], [`registry.example.com/payments/api:2.14.1@${D}`], ["not a ref"]])("passes %s", (image) => {
    expect(found(image)).toEqual([]);
  });

  it("gives the command that resolves the digest", () => {
    const { store, result } = analyze([withImage("nginx:1.27")]);
    const plans = planFixes(
      result.findings.filter((f) => f.check === CHECK),
      store,
      checkCatalog(),
    );
    expect(plans).toHaveLength(1);
    expect(plans[0]!.type).toBe("none");
    const rendered = renderPatch(plans[0]!);
    expect(rendered.commands[0]).toMatch(/^crane digest nginx:1\.27 .*docker buildx imagetools inspect nginx:1\.27/);
  });
});

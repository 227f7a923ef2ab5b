import { describe, expect, it } from "vitest";
import { DIGEST as D, withImage } from "../../../test/support/objects.js";
import { roundTrip } from "../../../test/support/roundtrip.js";
import { analyze } from "../../../test/support/store.js";

const CHECK = "image.pull-policy";
const found = (image: string, imagePullPolicy?: string) =>
  analyze([withImage(image, imagePullPolicy ? { imagePullPolicy } : {})]).result.findings.filter(
    (f) => f.check === CHECK,
  );

describe(CHECK, () => {
  it.each([
    ["ghcr.io/example/reporter", "IfNotPresent"],
    ["nginx:latest", "IfNotPresent"],
    ["nginx", "Never"],
  ])("flags %s with %s", (image, policy) => {
    const f = found(image, policy);
    expect(f).toHaveLength(1);
    expect(f[0]!.path).toBe("spec.template.spec.containers[0].imagePullPolicy");
  });

  it.each([
    ["nginx:latest", undefined], // defaults to Always for latest
    ["nginx", "Always"],
    ["nginx:1.27", "IfNotPresent"], // a versioned tag is image.no-digest's business
    [`nginx@${D}`, "IfNotPresent"],
  ])("passes %s with %s", (image, policy) => {
    expect(found(image, policy)).toEqual([]);
  });

  it("sets imagePullPolicy: Always on the template and the finding clears", () => {
    const rt = roundTrip([withImage("nginx", { imagePullPolicy: "IfNotPresent" })], [CHECK]);
    expect(rt.plans).toHaveLength(1);
    expect(rt.plans[0]!.body).toEqual({
      spec: { template: { spec: { containers: [{ name: "app", imagePullPolicy: "Always" }] } } },
    });
    expect(rt.remaining).toEqual([]);
    expect(rt.introduced).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { DIGEST as D, withImage } from "../../../test/support/objects.js";
import { analyze } from "../../../test/support/store.js";

const CHECK = "image.mutable-tag";
const found = (image: unknown) => analyze([withImage(image)]).result.findings.filter((f) => f.check === CHECK);

describe(CHECK, () => {
  it.each([["nginx"], ["nginx:latest"], ["registry.example.com:5000/team/app"], ["ghcr.io/example/reporter:latest"]])(
    "flags %s",
    (image) => {
      const f = found(image);
      expect(f).toHaveLength(1);
      expect(f[0]).toMatchObject({
        container: "app",
        path: "spec.template.spec.containers[0].image",
        severity: "medium",
        panel: "images",
      });
    },
  );

  it.each([["nginx:1.27"], [`nginx@${D}`], [`nginx:latest@${D}`], [""], [42], [undefined]])("passes %j", (image) => {
    expect(found(image)).toEqual([]);
  });
});

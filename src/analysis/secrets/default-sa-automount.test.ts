import { describe, expect, it } from "vitest";
import { serviceAccountRaw } from "../../../test/support/objects.js";
import { roundTrip } from "../../../test/support/roundtrip.js";
import { analyze } from "../../../test/support/store.js";

const ID = "secret.default-sa-automount";
const found = (raws: Record<string, unknown>[]) => analyze(raws).result.findings.filter((f) => f.check === ID);

describe(ID, () => {
  it.each([
    ["unset", {}],
    ["true", { automountServiceAccountToken: true }],
  ])(
    "flags a namespace's default service account whose automount is %s, low, with a patch on that account",
    (_, extra) => {
      const f = found([serviceAccountRaw("shop", "default", extra)]);
      expect(f).toHaveLength(1);
      expect(f[0]).toMatchObject({
        severity: "low",
        resource: { kind: "ServiceAccount", namespace: "shop", name: "default" },
        fix: { target: { kind: "ServiceAccount", namespace: "shop", name: "default" }, type: "strategic" },
      });
    },
  );

  it.each([
    ["opts out", [serviceAccountRaw("shop", "default", { automountServiceAccountToken: false })]],
    ["is not the default account", [serviceAccountRaw("shop", "web")]],
  ])("passes when the account %s", (_, raws) => {
    expect(found(raws)).toEqual([]);
  });

  it("the patch sets automountServiceAccountToken: false on the account and clears the finding", () => {
    const rt = roundTrip([serviceAccountRaw("shop", "default")], [ID]);
    expect(rt.plans).toHaveLength(1);
    expect(rt.plans[0]!.target).toMatchObject({ kind: "ServiceAccount", name: "default" });
    expect(rt.plans[0]!.body).toEqual({ automountServiceAccountToken: false });
    expect(rt.remaining).toEqual([]);
  });
});

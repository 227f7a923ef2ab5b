import { describe, expect, it } from "vitest";
import { secretRaw } from "../../../test/support/objects.js";
import { roundTrip } from "../../../test/support/roundtrip.js";
import { analyze } from "../../../test/support/store.js";
import { LAST_APPLIED } from "../../cluster/project.js";
import { renderPatch } from "../../patch/render.js";

const CHECK = "secret.last-applied";
const VALUE = "bGVha2VkLXZhbHVl";
const leaky = (annotation: string) =>
  secretRaw("shop", "db", {
    data: { password: VALUE },
    metadata: { name: "db", namespace: "shop", uid: "s1", annotations: { [LAST_APPLIED]: annotation } },
  });

describe(CHECK, () => {
  it.each([
    ["data", JSON.stringify({ kind: "Secret", data: { password: VALUE } }), "password"],
    ["stringData", JSON.stringify({ kind: "Secret", stringData: { user: "x", token: "y" } }), "token, user"],
  ])("flags values under %s in the annotation, by key name", (_, annotation, keys) => {
    const f = analyze([leaky(annotation)]).result.findings.filter((x) => x.check === CHECK);
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain(keys);
    expect(f[0]!.fix).toEqual({ target: expect.objectContaining({ kind: "Secret", name: "db" }), type: "strategic" });
    expect(JSON.stringify(f)).not.toContain(VALUE);
  });

  it.each([
    ["no annotation", secretRaw("shop", "db", { data: { password: VALUE } })],
    ["an annotation without data", leaky(JSON.stringify({ kind: "Secret", metadata: { name: "db" } }))],
    ["a malformed annotation", leaky("{not json")],
  ])("passes with %s", (_, raw) => {
    expect(analyze([raw]).result.findings.filter((x) => x.check === CHECK)).toEqual([]);
  });

  it("removes the annotation with a strategic-merge patch that holds no value", () => {
    const rt = roundTrip([leaky(JSON.stringify({ kind: "Secret", data: { password: VALUE } }))], [CHECK]);
    expect(rt.plans).toHaveLength(1);
    expect(rt.plans[0]!.body).toEqual({ metadata: { annotations: { [LAST_APPLIED]: null } } });
    const rendered = renderPatch(rt.plans[0]!);
    expect(rendered.commands[0]).toBe(
      `kubectl patch secret/db -n shop --type strategic --patch-file ${rendered.fileName}`,
    );
    expect(rendered.yaml).toMatch(/etcd history/);
    expect(rendered.yaml).not.toContain(VALUE);
    expect(rt.remaining).toEqual([]);
    expect(rt.introduced).toEqual([]);
  });
});

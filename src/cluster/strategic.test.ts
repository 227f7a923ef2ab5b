import { describe, expect, it } from "vitest";
import { combinePatches, strategicMerge } from "./strategic.js";

const pod = {
  containers: [
    {
      name: "app",
      env: [
        { name: "A", value: "1" },
        { name: "B", valueFrom: { secretKeyRef: { name: "s", key: "b" } } },
      ],
    },
  ],
};

describe("strategic merge", () => {
  it.each([
    [
      "deletes a merge-keyed item with $patch: delete",
      { containers: [{ name: "app", env: [{ name: "B", $patch: "delete" }] }] },
      ["A"],
    ],
    [
      "leaves the list alone when the name is absent",
      { containers: [{ name: "app", env: [{ name: "Z", $patch: "delete" }] }] },
      ["A", "B"],
    ],
    ["still merges other items", { containers: [{ name: "app", env: [{ name: "C", value: "3" }] }] }, ["A", "B", "C"]],
  ])("%s", (_, patch, names) => {
    const out = strategicMerge(pod, patch) as typeof pod;
    expect(out.containers[0]!.env.map((e) => e.name)).toEqual(names);
    expect(JSON.stringify(out)).not.toContain("$patch");
  });

  it("drops a delete directive when the base has no such list", () => {
    const out = strategicMerge(
      { containers: [{ name: "app" }] },
      { containers: [{ name: "app", env: [{ name: "B", $patch: "delete" }] }] },
    );
    expect(out).toEqual({ containers: [{ name: "app", env: [] }] });
  });

  it("null deletes a map key when applied", () => {
    expect(
      strategicMerge({ metadata: { annotations: { a: "1", b: "2" } } }, { metadata: { annotations: { a: null } } }),
    ).toEqual({
      metadata: { annotations: { b: "2" } },
    });
  });

  it("keeps null and $patch: delete when combining two patches", () => {
    const combined = combinePatches(
      { metadata: { annotations: { a: null } }, containers: [{ name: "app", env: [{ name: "B", $patch: "delete" }] }] },
      { containers: [{ name: "app", env: [{ name: "C", $patch: "delete" }], imagePullPolicy: "Always" }] },
    );
    expect(combined).toEqual({
      metadata: { annotations: { a: null } },
      containers: [
        {
          name: "app",
          env: [
            { name: "B", $patch: "delete" },
            { name: "C", $patch: "delete" },
          ],
          imagePullPolicy: "Always",
        },
      ],
    });
    // The combined patch applied once equals the two patches applied in turn.
    const base = { metadata: { annotations: { a: "x" } }, ...pod };
    expect(strategicMerge(base, combined)).toEqual(
      strategicMerge(
        strategicMerge(base, {
          metadata: { annotations: { a: null } },
          containers: [{ name: "app", env: [{ name: "B", $patch: "delete" }] }],
        }),
        {
          containers: [{ name: "app", env: [{ name: "C", $patch: "delete" }], imagePullPolicy: "Always" }],
        },
      ),
    );
  });
});

import { describe, expect, it } from "vitest";
import { loadFiles } from "./files.js";

const DIR = new URL("../../test/fixtures/files/broken", import.meta.url).pathname;

describe("file source", () => {
  it("reports a broken document by file and number and still loads the rest", () => {
    const loaded = loadFiles([DIR]);
    const names = loaded.objects.map((o) => `${o.kind}/${o.metadata.name}`).sort();
    expect(names).toEqual(["Deployment/api", "Pod/good", "Pod/priv", "Secret/canary"]);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]!.where).toMatch(/pods\.yaml: document 2 \(line \d+\)/);
    expect(loaded.problems[0]!.message).toMatch(/malformed YAML/);
  });

  it("never keeps a Secret value from a file", () => {
    const loaded = loadFiles([DIR]);
    expect(JSON.stringify(loaded.objects)).not.toContain("S1VCRVdBUkQtQ0FOQVJZ");
    expect(loaded.objects.find((o) => o.kind === "Secret")?.dataKeys).toEqual(["token"]);
  });

  it("reports a missing path without failing the others", () => {
    const loaded = loadFiles(["/nonexistent/kubeward", DIR]);
    expect(loaded.problems[0]).toEqual({
      where: "/nonexistent/kubeward",
      message: "cannot read: ENOENT",
    });
    expect(loaded.objects.length).toBe(4);
  });
});

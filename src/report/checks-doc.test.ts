import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("docs/checks.md", () => {
  it("says which Kubernetes release the Pod Security Standards checks follow", () => {
    const doc = readFileSync(new URL("../../docs/checks.md", import.meta.url), "utf8");
    expect(doc).toContain(
      "Pod Security Standards checks (`PSS baseline` / `PSS restricted` in references) follow Kubernetes 1.37",
    );
    expect(doc).toContain("`pod.ulimits`");
  });
});

// Issue 14: an image carrying an OSC sequence (the API accepts it) must never reach
// the terminal raw from the CLI — the `crane digest` line of --patches, the text
// report, JSON, SARIF, stderr.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

const IMAGE = "nginx\u001b]0;imgpwned\u0007";

describe("no control byte from the input reaches stdout/stderr raw", () => {
  const dir = mkdtempSync(join(tmpdir(), "kubeward-raw-"));
  const file = join(dir, "pod.json");
  writeFileSync(
    file,
    JSON.stringify({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web", namespace: "shop\u001b[2J" },
      spec: { containers: [{ name: "app", image: IMAGE }] },
    }),
  );

  for (const output of ["text", "json", "sarif"]) {
    it(`scan -o ${output} --patches`, () => {
      const r = runCli(["scan", "--file", file, "-o", output, "--patches", join(dir, `p-${output}`)]);
      const raw = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
      expect(r.stdout).not.toMatch(raw);
      expect(r.stderr).not.toMatch(raw);
      expect(`${r.stdout}${r.stderr}`).toMatch(/crane digest|nginx/);
    });
  }

  it("the image is reported as a problem, escaped, and never printed into a crane digest line", () => {
    // Issue 13: a name or image Kubernetes would reject never goes into a command.
    const r = runCli(["scan", "--file", file, "--patches", join(dir, "p")]);
    expect(r.stdout).not.toContain("crane digest");
    expect(r.stdout).toContain('image "nginx\\u001b]0;imgpwned\\u0007" contains whitespace or control characters');
  });
});

import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lineCounter, loadFiles } from "./files.js";

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

describe("file input that could hang or exhaust kubeward (issue 14)", () => {
  const tmp = () => mkdtempSync(join(tmpdir(), "kubeward-files-"));

  it("refuses /dev/zero and a FIFO with no writer, before reading, naming the file", () => {
    const fifo = join(tmp(), "pipe.yaml");
    execFileSync("mkfifo", [fifo]);
    const loaded = loadFiles(["/dev/zero", fifo, DIR]);
    expect(loaded.problems).toEqual([
      { where: "/dev/zero", message: expect.stringMatching(/^refused: a device, not a regular file/) },
      { where: fifo, message: expect.stringMatching(/^refused: a FIFO, not a regular file/) },
      expect.objectContaining({ message: expect.stringMatching(/malformed YAML/) }),
    ]);
    expect(loaded.objects.length).toBe(4);
  });

  it("refuses a file over the size limit before reading it", () => {
    const big = join(tmp(), "big.yaml");
    writeFileSync(big, `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: x}\n# ${"x".repeat(4096)}\n`);
    const loaded = loadFiles([big], { maxFileSize: 1024 });
    expect(loaded.objects).toEqual([]);
    expect(loaded.problems[0]!.message).toMatch(/^refused: 0\.00 MiB, over the 0\.00 MiB limit \(--max-file-size/);
    expect(loadFiles([big]).objects).toHaveLength(1);
  });

  it("a deeply nested List is a problem naming file and document, not a stack overflow", () => {
    const file = join(tmp(), "deep.yaml");
    const pod = '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"deep","namespace":"x"}}';
    const list = `${'{"apiVersion":"v1","kind":"List","items":['.repeat(20_000)}${pod}${"]}".repeat(20_000)}`;
    const ok = "apiVersion: v1\nkind: Pod\nmetadata: {name: fine, namespace: x}\n";
    writeFileSync(file, `${ok}---\n${list}\n`);
    const loaded = loadFiles([file]);
    expect(loaded.objects.map((o) => o.metadata.name)).toEqual(["fine"]);
    expect(loaded.problems).toHaveLength(1);
    expect(loaded.problems[0]!.where).toMatch(/deep\.yaml: document 2 \(line 5\)$/);
    expect(loaded.problems[0]!.message).toMatch(/nest/);
  });

  it("maps documents to lines in one pass, matching a naive count", () => {
    const docs = Array.from(
      { length: 50 },
      (_, i) => `apiVersion: v1\nkind: Pod\n${"\n".repeat(i % 3)}metadata: {name: p${i}, namespace: x}\n`,
    );
    const text = docs.join("---\n");
    const file = join(tmp(), "many.yaml");
    writeFileSync(file, text);
    const loaded = loadFiles([file]);
    const naive = (offset: number) => text.slice(0, offset).split("\n").length;
    const starts: number[] = [];
    let at = 0;
    for (const d of docs) {
      starts.push(at); // a document starts at its --- line
      at += d.length + (at === 0 ? 0 : 4);
    }
    const lines = loaded.objects.map((o) => loaded.origins.get(`Pod/x/${o.metadata.name}`)!.line);
    expect(lines).toEqual(starts.map(naive));
    const count = lineCounter(text);
    expect([0, 10, 100, 1000, text.length].map(count)).toEqual([0, 10, 100, 1000, text.length].map(naive));
  });
});

describe("wrong-typed fields in files (issue 14)", () => {
  it("are problems naming file, document, field and expected type; the object is left out", () => {
    const file = join(mkdtempSync(join(tmpdir(), "kubeward-types-")), "pods.yaml");
    const docs = [
      "apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: x}\nspec: string\n",
      "apiVersion: v1\nkind: Pod\nmetadata: {name: b, namespace: x}\nspec: {containers: 5}\n",
      'apiVersion: v1\nkind: Pod\nmetadata: {name: c, namespace: x}\nspec: {hostPID: "true", containers: [{name: app, image: nginx}]}\n',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: d, namespace: x}\nspec: {containers: [{name: app, image: nginx, securityContext: {privileged: "true"}}]}\n',
      "apiVersion: v1\nkind: Pod\nmetadata: {name: ok, namespace: x}\nspec: {containers: [{name: app, image: nginx}]}\n",
    ];
    writeFileSync(file, docs.join("---\n"));
    const loaded = loadFiles([file]);
    expect(loaded.objects.map((o) => o.metadata.name)).toEqual(["ok"]);
    expect(loaded.problems.map((p) => `${p.where.replace(file, "F")} | ${p.message}`)).toEqual([
      "F: document 1 (line 1) | Pod a: field spec: expected object, got string (object left out)",
      "F: document 2 (line 5) | Pod b: field spec.containers: expected array of object, got integer (object left out)",
      "F: document 3 (line 10) | Pod c: field spec.hostPID: expected boolean, got string (object left out)",
      "F: document 4 (line 15) | Pod d: field spec.containers[0].securityContext.privileged: expected boolean, got string (object left out)",
    ]);
  });
});

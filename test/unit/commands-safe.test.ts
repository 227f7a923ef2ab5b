// Commands safe to paste (DESIGN §4): no printed or written command line carries an
// unquoted value from the input, whatever names, images and patch directories hold;
// a name Kubernetes would reject is a reported problem and never part of a command.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { FileSource } from "../../src/cluster/files.js";
import { imageProblem, nameProblem } from "../../src/cluster/names.js";
import { runScan } from "../../src/commands/scan.js";
import { Session } from "../../src/commands/session.js";
import { shellWords } from "../support/shell-words.js";

const META = [..." ;$()`'\"\\&|<>*?!#~{}[]%=@,:\n\t\u001b"];
const hostile = (extra: string[]) =>
  fc.string({ unit: fc.constantFrom(...META, ...extra), minLength: 1, maxLength: 24 });

function manifests(binding: string, image: string, badName: string): Record<string, unknown>[] {
  const deployment = (name: string, img: string) => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "prod" },
    spec: {
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: {
          serviceAccountName: "web",
          containers: [{ name: "app", image: img, securityContext: { privileged: true } }],
        },
      },
    },
  });
  return [
    deployment("web", image),
    // A name the API would reject: reported, never in a command.
    deployment(badName, "nginx:1.27"),
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: binding },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
      subjects: [{ kind: "ServiceAccount", name: "web", namespace: "prod" }],
    },
  ];
}

/** Command lines kubeward printed after "apply with:" and wrote under "# Apply with:" in each file. */
function commandLines(stdout: string, dir: string): string[] {
  const printed = stdout.split("\n");
  const at = printed.findIndex((l) => l.includes("apply with:"));
  const lines =
    at < 0
      ? []
      : printed
          .slice(at + 1)
          .filter((l) => l.startsWith("  "))
          .map((l) => l.slice(2));
  for (const f of readdirSync(dir)) {
    const text = readFileSync(join(dir, f), "utf8").split("\n");
    const from = text.findIndex((l) => l === "# Apply with:");
    expect(from).toBeGreaterThan(-1);
    for (const l of text.slice(from + 1)) {
      if (!l.startsWith("#   ")) break;
      lines.push(l.slice(4));
    }
  }
  return lines;
}

describe("printed and written command lines", () => {
  it("quote every value from the input and leave out values Kubernetes would reject (property)", async () => {
    const root = mkdtempSync(join(tmpdir(), "kubeward-safe-"));
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        hostile(["a", "b", "/", "."]),
        hostile(["n", "x", ":", "/", "."]),
        hostile(["d", "e"]).filter(
          // A control character in the directory keeps the path one quoted word, but on several lines.
          (d) => !d.includes("/") && d !== "." && d !== ".." && !/[\u0000-\u001f]/.test(d),
        ),
        async (binding, imageTail, dirName) => {
          const image = `nginx${imageTail}`;
          const badName = `BAD${binding}`; // uppercase: never a DNS-1123 subdomain
          const input = join(root, `in-${run}`);
          const out = join(root, `out-${run++}`, dirName);
          mkdirSync(input, { recursive: true });
          writeFileSync(
            join(input, "all.yaml"),
            manifests(binding, image, badName)
              .map((m) => stringify(m))
              .join("---\n"),
          );
          let stdout = "";
          await runScan(
            new Session(new FileSource([input])),
            { output: "text", patches: out, syncTimeoutMs: 5000 },
            { stdout: (s) => void (stdout += s), stderr: () => {} },
          );
          const lines = commandLines(stdout, out);
          expect(lines.length).toBeGreaterThan(0);
          const words = lines.map((l) => shellWords(l)); // throws on any unquoted metacharacter
          const all = words.flat();
          // Every patch or manifest file's path is one word of its kubectl line.
          for (const f of readdirSync(out)) if (!f.endsWith(".commands.yaml")) expect(all).toContain(join(out, f));
          if (!nameProblem("ClusterRoleBinding", binding)) {
            expect(words).toContainEqual(["kubectl", "delete", `clusterrolebinding/${binding}`]);
          } else expect(lines.some((l) => l.includes("clusterrolebinding"))).toBe(false);
          // The digest line names the image as one word (when the image parses and is acceptable).
          for (const w of words.filter((w) => w[0] === "crane"))
            expect(w.slice(0, 3)).toEqual(["crane", "digest", image]);
          if (imageProblem(image)) expect(words.some((w) => w[0] === "crane")).toBe(false);
          expect(lines.some((l) => l.includes("BAD"))).toBe(false);
        },
      ),
      { numRuns: 40 },
    );
    rmSync(root, { recursive: true, force: true });
  }, 120_000);
});

describe("the issue's examples from --file", () => {
  it("report rejected names as problems, print none of them, and quote the patch directory", async () => {
    const root = mkdtempSync(join(tmpdir(), "kubeward-safe-"));
    const input = join(root, "in");
    mkdirSync(input);
    writeFileSync(
      join(input, "all.yaml"),
      [
        {
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name: "web$(touch /tmp/x)", namespace: "prod`id`" },
          spec: {
            template: {
              spec: { containers: [{ name: "app", image: "nginx;id", securityContext: { privileged: true } }] },
            },
          },
        },
        {
          apiVersion: "rbac.authorization.k8s.io/v1",
          kind: "ClusterRoleBinding",
          metadata: { name: "crb;touch /tmp/x" },
          roleRef: { kind: "ClusterRole", name: "cluster-admin" },
          subjects: [{ kind: "ServiceAccount", name: "sa\n# forged: kubectl delete ns prod", namespace: "ns$(id)" }],
        },
        { apiVersion: "v1", kind: "Namespace", metadata: { name: "ns$(id)" } },
        {
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name: "api", namespace: "prod" },
          spec: {
            template: {
              spec: { containers: [{ name: "app", image: "nginx;id", securityContext: { privileged: true } }] },
            },
          },
        },
        {
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name: "worker", namespace: "prod" },
          spec: {
            template: {
              spec: {
                containers: [
                  {
                    name: "app",
                    image: "nginx\n# forged: kubectl delete ns prod",
                    securityContext: { privileged: true },
                  },
                ],
              },
            },
          },
        },
      ]
        .map((m) => stringify(m))
        .join("---\n"),
    );
    const out = join(root, "my dir;id");
    let stdout = "";
    let stderr = "";
    const code = await runScan(
      new Session(new FileSource([input])),
      { output: "text", patches: out, syncTimeoutMs: 5000 },
      { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) },
    );
    expect(code).toBe(2);
    for (const what of [
      'Deployment name "web$(touch /tmp/x)" is not a valid DNS-1123 subdomain',
      'namespace "prod`id`" is not a valid DNS-1123 label',
      'ClusterRoleBinding name "crb;touch /tmp/x" is not a valid path segment name',
      'ServiceAccount subject "sa\\n# forged: kubectl delete ns prod"',
      'Namespace name "ns$(id)" is not a valid DNS-1123 label',
    ])
      expect(stderr).toContain(what);
    const lines = commandLines(stdout, out);
    for (const expected of [
      `kubectl patch deployment/api -n prod --type strategic --patch-file '${out}/deployment_prod_api.patch.yaml'`,
      `kubectl patch deployment/worker -n prod --type strategic --patch-file '${out}/deployment_prod_worker.patch.yaml'`,
      `kubectl apply -f '${out}/networkpolicy_prod_default-deny.manifest.yaml'`,
      "crane digest 'nginx;id'   # or: docker buildx imagetools inspect 'nginx;id'   # then set image: <name>@sha256:<digest> in container app",
    ])
      expect(lines).toContain(expected);
    // The image with a newline is a problem: no digest line for it.
    expect(new Set(lines.filter((l) => l.startsWith("crane ")))).toEqual(
      new Set([lines.find((l) => l.includes("nginx;id"))]),
    );
    for (const l of lines) {
      expect(l).not.toMatch(/touch|`id`|\$\(id\)|forged/);
      shellWords(l);
    }
    // No printed or written line starts a forged comment or command.
    expect(stdout).not.toMatch(/^\s*# forged/m);
    for (const f of readdirSync(out)) expect(readFileSync(join(out, f), "utf8")).not.toMatch(/^\s*# forged/m);
    expect(stderr).toContain(
      'image "nginx\\n# forged: kubectl delete ns prod" contains whitespace or control characters',
    );
    rmSync(root, { recursive: true, force: true });
  });
});

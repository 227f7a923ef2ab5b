// npm run dist: one bundled file of the CLI, then a Node single-executable
// application per platform (dist-bin/), each as a .tar.gz with its sha256, and the
// krew plugin manifest (plugins/ward.yaml) for those archives. Run after `npm run build`.

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist-bin");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// 1. The bundle: ESM (ink and yoga use top-level await), React's production build,
// every dependency inlined. Ink imports react-devtools-core only when DEV is set.
await esbuild.build({
  entryPoints: [join(root, "scripts/bundle-entry.mjs")],
  outfile: join(out, "kubeward.mjs"),
  bundle: true,
  platform: "node",
  target: "node24",
  format: "esm",
  minify: true,
  legalComments: "none",
  // The bundle has no package.json beside it: its version is fixed here, and
  // import.meta.url (a data: URL inside the executable) points at the executable.
  define: {
    "process.env.NODE_ENV": '"production"',
    "globalThis.KUBEWARD_BUNDLED_VERSION": JSON.stringify(pkg.version),
    "import.meta.url": "kwSelfUrl",
    "import.meta": "kwImportMeta",
  },
  // CommonJS dependencies call require() for node builtins.
  banner: {
    js: [
      'import { createRequire as kwCreateRequire } from "node:module";',
      'import { pathToFileURL as kwPathToFileURL } from "node:url";',
      "const require = kwCreateRequire(process.execPath);",
      "const kwSelfUrl = kwPathToFileURL(process.execPath).href;",
      "const kwImportMeta = { url: kwSelfUrl };",
    ].join(" "),
  },
  plugins: [
    {
      name: "no-devtools",
      setup(build) {
        build.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: "devtools", namespace: "stub" }));
        build.onLoad({ filter: /.*/, namespace: "stub" }, () => ({ contents: "export default {};" }));
      },
    },
  ],
  logLevel: "warning",
});
console.log(`bundle: dist-bin/kubeward.mjs`);

// 2. The single executable: Node 24's SEA takes a CommonJS main, so the main is a
// small loader that imports the ESM bundle (an embedded asset) from a data: URL.
// The startup V8 flags bin/kubeward.js puts on node's command line go in execArgv.
const { STARTUP_FLAGS } = await import(join(root, "dist/src/util/heap.js"));
const work = join(out, "sea");
mkdirSync(work, { recursive: true });
writeFileSync(
  join(work, "main.cjs"),
  [
    'const { getAsset } = require("node:sea");',
    'const code = getAsset("kubeward.mjs", "utf8");',
    'import("data:text/javascript;base64," + Buffer.from(code).toString("base64")).catch((err) => {',
    '  console.error("kubeward: " + (err?.message ?? err));',
    "  process.exit(2);",
    "});",
    "",
  ].join("\n"),
);
writeFileSync(
  join(work, "sea-config.json"),
  JSON.stringify({
    main: join(work, "main.cjs"),
    output: join(work, "sea.blob"),
    disableExperimentalSEAWarning: true,
    useCodeCache: false, // import() does not work with it
    useSnapshot: false,
    execArgv: [...STARTUP_FLAGS],
    assets: { "kubeward.mjs": join(out, "kubeward.mjs") },
  }),
);
// The pinned Node (devDependency `node`) is the runtime inside the executable.
const nodeBin = join(root, "node_modules/node/bin/node");
execFileSync(nodeBin, ["--experimental-sea-config", join(work, "sea-config.json")], { stdio: "inherit" });

// Platforms: the one whose Node binary the pinned package installed here (linux-x64 on
// this machine). Others would need their Node binary and a machine to test them on.
const platforms = [{ os: process.platform, arch: process.arch }];
const krewArch = { x64: "amd64", arm64: "arm64" };
const artifacts = [];
for (const { os, arch } of platforms) {
  const name = `kubeward-${os}-${krewArch[arch] ?? arch}`;
  const dir = join(out, name);
  mkdirSync(dir, { recursive: true });
  const exe = join(dir, "kubeward");
  copyFileSync(nodeBin, exe);
  chmodSync(exe, 0o755);
  execFileSync(
    nodeBin,
    [
      join(root, "node_modules/postject/dist/cli.js"),
      exe,
      "NODE_SEA_BLOB",
      join(work, "sea.blob"),
      "--sentinel-fuse",
      "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2",
    ],
    // postject (LIEF) warns about ELF note sections on every run: shown only when it fails.
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  copyFileSync(join(root, "LICENSE"), join(dir, "LICENSE"));
  const archive = join(out, `${name}.tar.gz`);
  execFileSync("tar", ["-czf", archive, "-C", dir, "kubeward", "LICENSE"]);
  const sha256 = createHash("sha256").update(readFileSync(archive)).digest("hex");
  writeFileSync(`${archive}.sha256`, `${sha256}  ${name}.tar.gz\n`);
  artifacts.push({ os, arch: krewArch[arch] ?? arch, file: `${name}.tar.gz`, sha256 });
  console.log(`executable: dist-bin/${name}/kubeward, archive: dist-bin/${name}.tar.gz (sha256 ${sha256})`);
}
rmSync(work, { recursive: true, force: true });

// 3. The krew plugin manifest for those archives.
const { krewManifest } = await import(join(root, "scripts/krew-manifest.mjs"));
mkdirSync(join(root, "plugins"), { recursive: true });
writeFileSync(join(root, "plugins/ward.yaml"), krewManifest(pkg.version, artifacts));
console.log("krew manifest: plugins/ward.yaml");

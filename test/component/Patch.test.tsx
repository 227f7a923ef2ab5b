import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEYS } from "../support/ink.js";
import { findingRows, mount, webChain } from "./harness.js";
import { patchDirMounts } from "./patch-dir.js";

const { open, tempDir, track } = patchDirMounts("kubeward-patch-");
const size = { columns: 160, rows: 60 };

describe("patch preview (p) and write (w)", () => {
  it("p previews the patch of the current finding: comments, target and kubectl line", async () => {
    const { press, out } = await open({ objects: webChain(), size: { columns: 100, rows: 50 } });
    const f = await press("p");
    expect(f).toContain("1 patch file for 1 finding");
    expect(f).toContain("# kubeward patch for Deployment shop/web");
    expect(f).toContain("privileged: false");
    expect(f).toContain(`$ kubectl patch deployment/web -n shop --type strategic --patch-file ${out}/`);
    // Nothing written by a preview.
    expect(existsSync(out)).toBe(false);
  });

  it("w writes the file into the patch directory and shows the files and kubectl lines", async () => {
    const { press, out } = await open({ objects: webChain(), size });
    const f = await press("w");
    expect(f).toContain(`Wrote 1 file to ${out}/`);
    const files = readdirSync(out);
    expect(files).toEqual(["deployment_shop_web.patch.yaml"]);
    expect(f).toContain(join(out, files[0]!));
    expect(f).toContain(`kubectl patch deployment/web -n shop --type strategic --patch-file ${join(out, files[0]!)}`);
    expect(readFileSync(join(out, files[0]!), "utf8")).toContain("privileged: false");
  });

  it("marked findings on one target merge into one patch; p then w writes it", async () => {
    const { press, out } = await open({ objects: webChain(), size, engines: ["pods"] });
    const rows = findingRows(await press("g"));
    expect(rows.filter((r) => r.includes("Deployment shop/web") && r.includes("pod.privileged"))).toHaveLength(2);
    // Mark both Deployment findings (space marks and moves down).
    await press(" ", " ");
    let f = await press("p");
    expect(f).toContain("1 patch file for 2 findings");
    expect(f).toContain("fixes 2");
    f = await press("w");
    expect(f).toContain("Wrote 1 file");
    const text = readFileSync(join(out, "deployment_shop_web.patch.yaml"), "utf8");
    expect(text).toContain("pod.privileged (app)");
    expect(text).toContain("pod.privileged (sidecar)");
  });

  it("p and w work from the detail view, for that finding", async () => {
    const { press, out } = await open({ objects: webChain(), size });
    let f = await press(KEYS.enter, "p");
    expect(f).toContain("detail › patch preview");
    expect(f).toContain("kubectl patch deployment/web");
    f = await press("w");
    expect(f).toContain("patches written");
    expect(readdirSync(out)).toHaveLength(1);
    f = await press(KEYS.esc, KEYS.esc, KEYS.esc);
    expect(findingRows(f).length).toBeGreaterThan(0);
  });

  it("says when a write fails instead of crashing", async () => {
    // The patch directory is a regular file: mkdir fails.
    const blocked = join(tempDir(), "a-file");
    writeFileSync(blocked, "");
    const m = track(await mount({ objects: webChain(), size, patchDir: blocked }));
    const f = await m.press("w");
    expect(f).toContain(`Could not write patches to ${blocked}`);
  });

  it("p and w quote hostile values: the patch directory, binding names and images", async () => {
    const out = join(tempDir(), "out;id $(x)");
    const crb = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: "crb;id $(id)", uid: "crb" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
      subjects: [{ kind: "ServiceAccount", name: "web", namespace: "shop" }],
    };
    const m = track(
      await mount({ objects: [crb], size: { columns: 200, rows: 60 }, patchDir: out, engines: ["rbac"] }),
    );
    let f = await m.press("2", "p");
    expect(f).toContain("$ kubectl delete 'clusterrolebinding/crb;id $(id)'");
    expect(f).not.toContain("kubectl delete clusterrolebinding/crb;id");
    f = await m.press("w");
    expect(f).toContain("kubectl delete 'clusterrolebinding/crb;id $(id)'");
    const written = readdirSync(out);
    expect(written).toHaveLength(1);
    expect(readFileSync(join(out, written[0]!), "utf8")).toContain(
      "#   kubectl delete 'clusterrolebinding/crb;id $(id)'",
    );
    m.dispose();

    const m2 = track(await mount({ objects: webChain(), size: { columns: 200, rows: 60 }, patchDir: out }));
    f = await m2.press("p");
    expect(f).toContain(`--patch-file '${out}/deployment_shop_web.patch.yaml'`);
  });
});

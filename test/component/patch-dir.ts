// Mounts for the tests that write (patches, containment bundles): each gets a patch
// directory in a fresh temp dir, and after each test the app is unmounted and the temp dir removed.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { type MountOptions, mount } from "./harness.js";

/** Call once at the top of a test file; `prefix` names its temp dirs. */
export function patchDirMounts(prefix: string) {
  let dispose: (() => void) | undefined;
  let dir: string | undefined;
  afterEach(() => {
    dispose?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
    dispose = undefined;
    dir = undefined;
  });
  /** A fresh temp dir, removed after the test. */
  const tempDir = () => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    return dir;
  };
  /** Unmount `m` after the test (for a test that mounts by itself). */
  const track = <M extends { dispose: () => void }>(m: M): M => {
    dispose = m.dispose;
    return m;
  };
  /** Mount with the patch directory `out`, in a fresh temp dir and not yet created. */
  const open = async (opts: MountOptions = {}) => {
    const out = join(tempDir(), "out");
    return { ...track(await mount({ ...opts, patchDir: out })), out };
  };
  return { open, tempDir, track };
}

// The TUI live on a real kube-apiserver (tmux): changes appear within seconds,
// a killed API server is survived with exact convergence, forbidden kinds show
// in the header, no secret value reaches the screen, and the audit log stays read-only.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkCatalog } from "../../src/analysis/registry.js";
import { BIN } from "../support/cli.js";
import { TmuxSession } from "../support/tmux.js";
import { applyObjects, CANARY, kubectl, leaksCanary, pod, READ_VERBS, useControlPlane } from "./harness.js";

/** Every kind kubeward watches is live ("22/22 kinds live", optional kinds not installed counted apart). */
const allLive = (s: string) => /\b(\d+)\/\1 kinds live/.test(s);

const NS = "live";
const cp = useControlPlane();
const screens: string[] = [];
let tmux: TmuxSession | undefined;

afterEach(() => {
  if (tmux) screens.push(tmux.screen(), tmux.rawScreen());
  tmux?.kill();
  tmux = undefined;
});

async function startTui(kubeconfig: string, extra = ""): Promise<TmuxSession> {
  const command = `${process.execPath} ${BIN} --kubeconfig ${kubeconfig} ${extra}; echo EXITED-$?; sleep 60`;
  const options = { width: 160, height: 60, env: { HOME: "/nonexistent-kubeward-home", KUBECONFIG: "" } };
  for (let attempt = 1; ; attempt++) {
    try {
      tmux = new TmuxSession(command, options);
      return tmux;
    } catch (err) {
      // The tmux server may be exiting as the previous test's last session closes ("server exited unexpectedly").
      if (attempt >= 3) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

async function waitScreen(t: TmuxSession, what: string, predicate: (s: string) => boolean, timeoutMs = 60_000) {
  const s = await t.waitFor(predicate, timeoutMs).catch((err: Error) => {
    throw new Error(`${what}: ${err.message}`);
  });
  screens.push(s);
  return s;
}

/**
 * The finding rows of the pods panel: the first column of the 160-wide grid (the other
 * cells, and the activity feed beside them, also name pods — "resolved … Pod live/r-1").
 */
function findingRows(screen: string): string {
  return screen
    .split("\n")
    .map((l) => l.slice(0, 54))
    .filter((l) => /^[\s>]*(CRIT|HIGH|MED|LOW|INFO)\b/.test(l))
    .join("\n");
}

/** Pod names of namespace `live` with prefix shown as findings on the screen. */
function podsOnScreen(screen: string, prefix: string): string[] {
  const re = new RegExp(`Pod ${NS}/(${prefix}[\\w-]*)`, "g");
  return [...new Set([...findingRows(screen).matchAll(re)].map((m) => m[1]!))].sort();
}

async function podsInCluster(prefix: string): Promise<string[]> {
  const out = await kubectl(cp(), ["get", "pods", "-n", NS, "-o", "jsonpath={.items[*].metadata.name}"]);
  return out
    .split(/\s+/)
    .filter((n) => n.startsWith(prefix))
    .sort();
}

beforeAll(async () => {
  await cp().createNamespace(NS);
  await applyObjects(cp(), [
    { apiVersion: "v1", kind: "Secret", metadata: { name: "canary", namespace: NS }, stringData: { token: CANARY } },
  ]);
});

describe("the TUI on a live cluster", () => {
  it("shows insecure objects created after it started within seconds, and drops deleted ones", async () => {
    const t = await startTui(cp().kubewardKubeconfig);
    await waitScreen(t, "every kind connected", (s) => allLive(s) && s.includes("kubeward@kubeward-test"));
    await applyObjects(cp(), [pod(NS, "intruder")]);
    await waitScreen(t, "the new privileged pod", (s) => findingRows(s).includes(`Pod ${NS}/intruder`));
    await kubectl(cp(), ["delete", "pod", "intruder", "-n", NS, "--wait=false"]);
    await waitScreen(t, "the deleted pod gone", (s) => !findingRows(s).includes(`Pod ${NS}/intruder`));

    // The RBAC engine lands in another branch; once registered, a new risky binding must show up live.
    if (checkCatalog().has("rbac.cluster-admin")) {
      await applyObjects(cp(), [
        { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "escalator", namespace: NS } },
        {
          apiVersion: "rbac.authorization.k8s.io/v1",
          kind: "ClusterRoleBinding",
          metadata: { name: "escalator-admin" },
          roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
          subjects: [{ kind: "ServiceAccount", name: "escalator", namespace: NS }],
        },
      ]);
      t.keys("2");
      // Grid cells cut long names ("escalat…"): match the row by check and the name's start.
      await waitScreen(t, "the new cluster-admin binding", (s) =>
        new RegExp(`rbac\\.cluster-ad\\S*\\s+ServiceAccount ${NS}/escal`).test(s),
      );
    }
  });

  it("survives kube-apiserver being killed and converges to the exact state", async () => {
    await applyObjects(
      cp(),
      ["r-1", "r-2", "r-3", "r-4"].map((n) => pod(NS, n)),
    );
    const t = await startTui(cp().kubewardKubeconfig);
    await waitScreen(t, "every kind listed", (s) => allLive(s));
    // Only these pods' findings: the seeded workloads' many rows must not push them off the screen.
    t.type("/");
    t.type(`pod.privileged Pod ${NS}/r-`);
    t.keys("Enter");
    await waitScreen(t, "the first pods", (s) => podsOnScreen(s, "r-").length === 4);

    await cp().restartApiserver({ signal: "KILL", downSeconds: 3 });
    // Changed right after the restart, while kubeward is still backing off and reconnecting.
    await kubectl(cp(), ["delete", "pod", "r-1", "r-2", "-n", NS, "--wait=false"]);
    await applyObjects(
      cp(),
      ["r-5", "r-6"].map((n) => pod(NS, n)),
    );
    const expected = await podsInCluster("r-");
    expect(expected).toEqual(["r-3", "r-4", "r-5", "r-6"]);

    const screen = await waitScreen(
      t,
      "convergence after the restart",
      (s) => JSON.stringify(podsOnScreen(s, "r-")) === JSON.stringify(expected) && allLive(s),
      90_000,
    );
    expect(podsOnScreen(screen, "r-")).toEqual(await podsInCluster("r-"));
    expect(t.alive()).toBe(true);
  });

  it("shows a low-privilege user's forbidden kinds in the header and keeps running", async () => {
    const t = await startTui(cp().lowprivKubeconfig, "-n team-a");
    await applyObjects(cp(), [pod("team-a", "seen-by-lowpriv")]);
    const s = await waitScreen(
      t,
      "forbidden kinds and the visible pod",
      (x) => x.includes("forbidden") && x.includes("Pod team-a/seen-by-lowpriv"),
    );
    expect(s).toContain("ns team-a");
    t.type("q");
    await waitScreen(t, "a clean exit", (x) => x.includes("EXITED-0"));
  });

  it("shows a kubeconfig error in the header instead of dying", async () => {
    const t = await startTui(cp().kubewardKubeconfig, "--context nope");
    const s = await waitScreen(t, "the kubeconfig error", (x) => x.includes('context "nope" is not in kubeconfig'));
    expect(s).not.toContain("EXITED");
    t.type("q");
    await waitScreen(t, "a clean exit", (x) => x.includes("EXITED-0"));
  });

  it("never puts the canary Secret's value on the screen", () => {
    expect(screens.length).toBeGreaterThan(8);
    expect(screens.filter(leaksCanary)).toEqual([]);
  });

  it("shows only get, list and watch from kubeward's users in the audit log", async () => {
    const events = (await cp().auditEvents()).filter((e) => ["kubeward", "lowpriv"].includes(e.user.username));
    expect(events.some((e) => e.verb === "watch")).toBe(true);
    expect(events.filter((e) => !READ_VERBS.has(e.verb)).map((e) => `${e.verb} ${e.requestURI}`)).toEqual([]);
  });
});

// Placeholder until the live source lands: see benchApiserver in the livesrc merge.
export async function benchApiserver(pods: number, _reps: number): Promise<unknown> {
  return { pods, skipped: "needs the live source (src/cluster/live) and test/cluster/controlPlane.ts" };
}

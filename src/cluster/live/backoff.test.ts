import { describe, expect, it } from "vitest";
import { Backoff } from "./backoff.js";

describe("Backoff", () => {
  it("doubles up to the cap and starts over after reset", () => {
    const b = new Backoff({ initialMs: 100, maxMs: 1000, jitter: 0 });
    expect([1, 2, 3, 4, 5, 6].map(() => b.next())).toEqual([100, 200, 400, 800, 1000, 1000]);
    b.reset();
    expect(b.next()).toBe(100);
  });

  it("keeps jittered delays between half and all of the base delay", () => {
    const low = new Backoff({ initialMs: 1000, maxMs: 8000 }, () => 0);
    const high = new Backoff({ initialMs: 1000, maxMs: 8000 }, () => 0.999);
    const lows = [1, 2, 3, 4, 5].map(() => low.next());
    const highs = [1, 2, 3, 4, 5].map(() => high.next());
    expect(lows).toEqual([500, 1000, 2000, 4000, 4000]);
    for (const [i, h] of highs.entries()) {
      expect(h).toBeGreaterThan(lows[i]!);
      expect(h).toBeLessThanOrEqual(Math.min(8000, 1000 * 2 ** i));
    }
  });
});

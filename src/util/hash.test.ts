// Finding ids are a contract (DESIGN §9): the same on every machine and run. These
// values are pinned so that any change of the hash shows here, not in users' baselines.
import { describe, expect, it } from "vitest";
import { sha256Hash, stableHash } from "./hash.js";

describe("stableHash", () => {
  it("gives the pinned ids", () => {
    expect(
      stableHash(
        "pod.privileged",
        "v1",
        "Pod",
        "team-1",
        "web-0",
        "app",
        "spec.containers[0].securityContext.privileged",
        undefined,
      ),
    ).toBe("2ac09514b071f39f");
    expect(stableHash("quarantine", "0b1c2d3e-uid")).toBe("9ced945f3a588f6e");
    expect(stableHash()).toBe("488bdcb81aee8d83");
    expect(stableHash("é✓")).toBe("b4e45d06f8df40a9");
  });

  it("is 16 hex digits, separates parts, and reads undefined as empty", () => {
    expect(stableHash("a", "bc")).toMatch(/^[0-9a-f]{16}$/);
    expect(stableHash("a", "bc")).not.toBe(stableHash("ab", "c"));
    expect(stableHash("a", undefined, "b")).toBe(stableHash("a", "", "b"));
    expect(stableHash("a", "")).not.toBe(stableHash("a"));
  });

  it("does not collide on many similar inputs", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) seen.add(stableHash("pod.privileged", "v1", "Pod", `ns-${i % 997}`, `p-${i}`));
    expect(seen.size).toBe(200_000);
  });
});

describe("sha256Hash", () => {
  it("is the SHA-256 form of the ids before, for names already in clusters", () => {
    // sha256("quarantine\0uid-1") starts with these 16 hex digits.
    expect(sha256Hash("quarantine", "uid-1")).toBe("c751eea631c76fab");
    expect(sha256Hash("a", undefined)).toBe(sha256Hash("a", ""));
  });
});

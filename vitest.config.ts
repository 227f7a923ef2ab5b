import { defineConfig } from "vitest/config";

// Five tiers (DESIGN §7) — unit, component, tui, package (the npm package, executable and
// completion as users install them), cluster. `npm test` runs them all; each has its own script too.
// Timeouts only guard against hangs: property tests run thousands of cases, and a 2-core
// machine running other work must not turn them into failures (tests never assert time).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "test/unit/**/*.test.ts"],
          setupFiles: ["test/support/fail-on-warning.ts"],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: "component",
          include: ["views/**/*.test.tsx", "test/component/**/*.test.tsx"],
          setupFiles: ["test/support/fail-on-warning.ts"],
          env: { NODE_ENV: "test" },
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: "tui",
          include: ["test/tui/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "package",
          include: ["test/package/**/*.test.ts"],
          testTimeout: 600_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "cluster",
          include: ["test/cluster/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 3_600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
